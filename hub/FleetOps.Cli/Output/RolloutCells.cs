using FleetOps.Shared.Api;

namespace FleetOps.Cli.Output;

/// <summary>
/// The ROLLOUT column of <c>fleetops status</c> and <c>fleetops groups</c>: where a group's rollout stands in a
/// few characters (<c>wave 2/4 12/40</c>: the second of four waves, counting the canary, 12 of 40 members
/// released), its phase when it waits for someone or is over, and nothing for a group without a rollout.
/// </summary>
public static class RolloutCells
{
    public const string Header = "ROLLOUT";

    /// <param name="narrow">For a narrow terminal: <c>w2/4 12/40</c>.</param>
    public static string Text(RolloutSummary? rollout, bool narrow = false) => rollout switch
    {
        null or { Phase: RolloutPhase.Idle } => "",
        { Phase: RolloutPhase.Progressing } r => $"{(narrow ? "w" : "wave ")}{r.Wave + 1}/{r.Waves} {r.Released}/{r.Members}",
        { Phase: RolloutPhase.WaitingForApproval } => "approval?",
        { } r => r.Phase.ToString(),
    };

    public static string Markup(RolloutSummary? rollout, bool narrow = false) =>
        rollout is null ? "" : Styles.RolloutText(rollout.Phase, Text(rollout, narrow));

    /// <summary>The column's width with the two spaces before it, or 0 when no group has a rollout (the column is left out).</summary>
    public static int Width(IEnumerable<GroupView> groups, bool narrow)
    {
        var cells = groups.Where(g => g.Rollout is not null).Select(g => Text(g.Rollout, narrow).Length).ToList();
        return cells.Count == 0 ? 0 : 2 + Math.Max(Header.Length, cells.Max());
    }

    public static bool Shown(IEnumerable<GroupView> groups) => groups.Any(g => g.Rollout is not null);
}
