using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops pin</c> and <c>unpin</c>: what the cluster now runs for the group, and how to undo it.</summary>
public static class PinView
{
    public static void Pinned(Screen screen, string clusterId, PinRequest pin)
    {
        screen.Line(Markup.Escape($"{clusterId}: {pin.Group} held at {Revisions.Short(pin.Revision)}"));
        screen.Line(Styles.Dim("it stays there, outside the rollout's waves and budget; undo with: ") +
            Markup.Escape($"fleetops unpin {clusterId} --group {pin.Group}"));
    }

    public static void Unpinned(Screen screen, string clusterId, string group) =>
        screen.Line(Markup.Escape($"{clusterId}: {group} no longer pinned; it follows the group's rollout again"));
}
