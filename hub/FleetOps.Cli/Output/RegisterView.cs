using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops register</c>: the cluster's token, alone on its line so it copies cleanly, and how the
/// store's agent takes it. The hub keeps only a hash, so this is the one time it can be shown.
/// </summary>
public static class RegisterView
{
    public const int DefaultMqttPort = 1883;

    public static void Write(Screen screen, RegisterClusterResponse registered, Uri hub, bool replaced = false)
    {
        var labels = ClustersView.Labels(registered.Labels);
        screen.Line(Markup.Escape(replaced
            ? $"issued {registered.Id} a new token; the old one is refused from now on"
            : $"registered {registered.Id} with labels {labels}"));
        if (replaced)
            screen.Line(Styles.Dim("the hub's broker ended the session the old token was used for (an external broker must be told itself)"));
        screen.Line();
        screen.Line(Styles.Bold("its agent token, shown only this once (the hub keeps only a hash):"));
        screen.Line();
        screen.Line("  " + Markup.Escape(registered.Token));
        screen.Line();
        screen.Line("Give it to the store's agent, in its environment or as --switches:");
        screen.Line(Markup.Escape($"  FLEETOPS_CLUSTER_ID={registered.Id}"));
        screen.Line(Markup.Escape("  FLEETOPS_TOKEN_FILE=/etc/fleetops/token   a file holding the token, mode 0600 (or FLEETOPS_TOKEN=<token>)"));
        screen.Line(Markup.Escape($"  FLEETOPS_BROKER=mqtt://{hub.Host}:{DefaultMqttPort}   the hub's MQTT listener (Hub:Mqtt:Port, {DefaultMqttPort} by default)"));
        screen.Line(Markup.Escape("  FLEETOPS_SOURCE_URL=<the fleet-config repository as the store reaches it>   the only place the agent fetches from"));
        if (registered.Labels.Count > 0)
            screen.Line(Markup.Escape($"  FLEETOPS_LABELS={labels}"));
        screen.Line(Styles.Dim($"A lost token cannot be shown again: fleetops token {registered.Id} issues a new one."));
    }
}
