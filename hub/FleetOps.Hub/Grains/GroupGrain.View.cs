using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains;

internal sealed partial class GroupGrain
{
    public Task<RolloutSummary?> GetSummaryAsync() => Task.FromResult(
        S.Rollout is { } rollout && book is not null
            ? new RolloutSummary(rollout.Phase, rollout.Wave, rollout.WaveCount, book.ReleasedCanaries + book.ReleasedMain, book.Members,
                WavePlan.Name(rollout, rollout.Wave))
            : null);

    public Task<IReadOnlyList<RolloutEventView>> GetHistoryAsync() =>
        Task.FromResult<IReadOnlyList<RolloutEventView>>(S.Events.Select(e => e.ToView()).ToList());

    public Task<RolloutView> GetRolloutAsync()
    {
        var events = S.Events.TakeLast(20).Select(e => e.ToView()).ToList();
        if (S.Rollout is not { } rollout || book is null)
            return Task.FromResult(new RolloutView(Name, RolloutPhase.Idle, null, S.Stable?.Revision, null, 0, [],
                members.Values.Count(m => !m.Left), 0, new RolloutBudget(0, 0), null, [], false, events));

        var waves = Enumerable.Range(0, rollout.WaveCount).Select(wave =>
        {
            var counts = book.InWave(wave);
            int Of(MemberStanding standing) => counts[(int)standing];
            return new RolloutWaveView(wave, WavePlan.Name(rollout, wave), WavePlan.Planned(rollout, wave, book), counts.Sum(),
                Of(MemberStanding.Converged), Of(MemberStanding.Failed), Of(MemberStanding.Offline), Of(MemberStanding.OutsideWindow),
                Of(MemberStanding.Applying));
        }).ToList();
        var (allowed, used) = RolloutRules.Budget(rollout, book);
        var failing = book.Failing(RolloutRules.NamedFailures)
            .Select(m => new GroupMemberView(m.ClusterId, m.Phase, m.DesiredRevision, m.AppliedRevision, m.Reason, m.Message)).ToList();
        return Task.FromResult(new RolloutView(Name, rollout.Phase, rollout.Target.Revision, S.Stable?.Revision, rollout.StartedAt,
            rollout.Wave, waves, book.Members, book.Pinned, new RolloutBudget(allowed, used), NextStep(rollout), failing,
            rollout.IgnoreWindows, events, rollout.Commit?.Subject));
    }

    private RolloutStep NextStep(RolloutRecord rollout)
    {
        var wave = WavePlan.Name(rollout, rollout.Wave);
        switch (rollout.Phase)
        {
            case RolloutPhase.Completed:
                return new RolloutStep($"done: {rollout.Target.Revision[..7]} is the stable revision");
            case RolloutPhase.Aborted:
                return new RolloutStep($"aborted: members run {S.Stable?.Revision[..7]}; a new commit or 'fleetops rollout resume {Name}' starts again");
            case RolloutPhase.Halted:
                return new RolloutStep($"halted: fix forward with a new commit, or 'fleetops rollout resume {Name}' to accept the failures and go on");
            case RolloutPhase.Paused:
                return new RolloutStep($"paused by {rollout.PausedBy}: 'fleetops rollout resume {Name}' goes on");
            case RolloutPhase.WaitingForApproval:
                return new RolloutStep($"waiting for approval: 'fleetops rollout promote {Name}' releases {WavePlan.Name(rollout, rollout.Wave + 1)}");
        }
        if (book!.Unjudged > 0)
            return new RolloutStep($"{wave}: waiting for {book.Unjudged} member(s) to be judged against the canary selector before anyone is released");
        if (RolloutRules.BakeEnds(rollout, book) is { } ends)
        {
            var next = rollout.IsCanaryWave(rollout.Wave) && rollout.Policy.ManualApproval && !rollout.Approved
                ? "approval is asked"
                : $"{WavePlan.Name(rollout, rollout.Wave + 1)} releases";
            return new RolloutStep($"{next} after bake", ends);
        }
        var (canaries, main) = WavePlan.Targets(rollout, rollout.Wave, book!);
        var waiting = canaries + main - book!.ReleasedCanaries - book.ReleasedMain;
        return new RolloutStep(waiting > 0
            ? $"{wave}: {RolloutRules.Members(waiting)} to release, {book.Holding} applying"
            : $"{wave}: waiting for {RolloutRules.Members(book.Holding)} to converge");
    }
}
