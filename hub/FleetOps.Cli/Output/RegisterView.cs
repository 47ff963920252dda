using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops register</c>: the cluster's token, alone on its line so it copies cleanly, and how the
/// store's agent takes it: the broker URL the hub really serves and the CA that proves it is the hub.
/// The hub keeps only a hash of the token, so this is the one time it can be shown.
/// </summary>
public static class RegisterView
{
    public const int DefaultTlsPort = 8883;

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
        WriteBroker(screen, registered.Broker, hub);
        screen.Line(Markup.Escape("  FLEETOPS_SOURCE_URL=<the fleet-config repository as the store reaches it>   the only place the agent fetches from"));
        if (registered.Labels.Count > 0)
            screen.Line(Markup.Escape($"  FLEETOPS_LABELS={labels}"));
        screen.Line(Styles.Dim($"A lost token cannot be shown again: fleetops token {registered.Id} issues a new one."));
    }

    private static void WriteBroker(Screen screen, BrokerInfo? broker, Uri hub)
    {
        // A hub from before it said where its broker is: its TLS port on the API's host is the best guess.
        var url = broker?.AgentUrl ?? $"mqtts://{hub.Host}:{DefaultTlsPort}";
        screen.Line(Markup.Escape($"  FLEETOPS_BROKER={url}   the hub's broker, over TLS"));
        if (broker?.CaSha256 is { } fingerprint)
        {
            screen.Line(Markup.Escape("  FLEETOPS_BROKER_CA=/etc/fleetops/broker-ca.crt   the hub's CA: fleetops broker-ca > broker-ca.crt"));
            screen.Line(Markup.Escape($"    SHA-256 {fingerprint}"));
            if (broker.CaPath is { } path)
                screen.Line(Styles.Dim(Markup.Escape($"    (on the hub's machine: {path}; check a copy with: openssl x509 -in broker-ca.crt -noout -fingerprint -sha256)")));
        }
        else
            screen.Line(Markup.Escape("  FLEETOPS_BROKER_CA=<the CA that issued the hub's certificate>   unless this machine's trust store has it"));
        foreach (var other in broker?.Endpoints.Skip(1) ?? [])
            screen.Line(Styles.Dim(Markup.Escape($"  the broker also serves {other.Url}: {other.Reach}")));
    }
}
