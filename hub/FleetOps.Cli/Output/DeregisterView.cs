using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops deregister</c>: what is gone, and how the id could come back.</summary>
public static class DeregisterView
{
    public static void Write(Screen screen, string clusterId)
    {
        screen.Line(Markup.Escape($"deregistered {clusterId}: it left its groups, and the hub deleted its state and journal"));
        screen.Line(Markup.Escape("the hub's broker ended its agent's session, and its token no longer connects"));
        screen.Line(Styles.Dim("to bring the store back, register it again (it starts afresh): ") + Markup.Escape($"fleetops register {clusterId} -l ..."));
    }
}
