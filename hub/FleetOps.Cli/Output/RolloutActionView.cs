using FleetOps.Cli.Commands;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>What an operator action did, in a line with who it is recorded as, then the rollout as it now stands (without the audit).</summary>
public static class RolloutActionView
{
    public static void Write(Screen screen, string action, RolloutAction asked, RolloutView rollout, bool wide)
    {
        var verb = action switch
        {
            RolloutActionCommand.Pause => "paused",
            RolloutActionCommand.Resume => "resumed",
            RolloutActionCommand.Promote => "promoted",
            RolloutActionCommand.Abort => "aborted",
            _ => action,
        };
        var extras = new[] { asked.All ? "every member released" : null, asked.Now ? "windows ignored" : null }.OfType<string>().ToList();
        screen.Line(Markup.Escape($"{verb} the rollout of {rollout.Group} at {Revisions.Short(rollout.Revision)}" +
            (extras.Count == 0 ? "" : $" ({string.Join(", ", extras)})") + $", recorded as {asked.Actor}"));
        screen.Line();
        RolloutStatusView.Write(screen, rollout, wide, brief: true);
    }
}
