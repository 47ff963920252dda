using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;

namespace FleetOps.Hub.Tests.Rollouts;

/// <summary>A rollout of one target over members named store-01.., with reports the way clusters send them.</summary>
internal sealed class RolloutFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public static readonly TargetRef Target = new(new string('b', 40), "apps/pos", "sha256:new", 7);

    private long stamp;

    /// <param name="judged">Whether the members' clusters have judged the canary selector before the rollout starts (false: it came with the target).</param>
    public RolloutFixture(RolloutPolicy policy, int members, Func<string, bool>? canary = null, bool judged = true)
    {
        Record = new RolloutRecord { Target = Target, Policy = policy, StartedAt = Start };
        selector = policy.Canary?.Selector?.ToString();
        Book = new RolloutBook(Target, selector);
        Ids = Enumerable.Range(1, members).Select(i => $"store-{i:D2}").ToList();
        if (judged)
            this.judged.UnionWith(Ids);
        foreach (var id in Ids)
            Report(id, Phase.Converged, desired: "old", canary: canary?.Invoke(id) ?? false);
    }

    public RolloutRecord Record { get; }

    public RolloutBook Book { get; }

    public List<string> Ids { get; }

    public DateTimeOffset Now { get; set; } = Start;

    /// <summary>Evaluates and confirms every release at once, as clusters answering their release call do.</summary>
    public RolloutDecision Step()
    {
        var decision = RolloutRules.Evaluate(Record, Book, Now);
        foreach (var (id, wave) in decision.Releases)
            Released(id, wave);
        return decision;
    }

    /// <summary>The cluster took its release: an online one starts applying, an offline one stays offline.</summary>
    public void Released(string id, int wave) =>
        Report(id, phases.GetValueOrDefault(id) == Phase.Offline ? Phase.Offline : Phase.Progressing, Target.Revision, releasedSeq: Target.Seq, wave: wave);

    public void Converge(string id) => Report(id, Phase.Converged, Target.Revision, releasedSeq: Target.Seq, wave: WaveOf(id));

    public void Fail(string id) => Report(id, Phase.Degraded, Target.Revision, releasedSeq: Target.Seq, wave: WaveOf(id), reason: Reasons.HealthCheckFailed);

    public void OutsideWindow(string id) => Report(id, Phase.Pending, Target.Revision, releasedSeq: Target.Seq, wave: WaveOf(id), reason: Reasons.OutsideWindow);

    public void Offline(string id, bool released = false) =>
        Report(id, Phase.Offline, released ? Target.Revision : "old", releasedSeq: released ? Target.Seq : 0, wave: released ? WaveOf(id) : 0);

    public void Join(string id, bool canary = false) => Report(id, Phase.Pending, desired: "old", canary: canary);

    /// <summary>The member's cluster judged the rollout's canary selector and reports whether it picks it.</summary>
    public void Judge(string id, bool canary)
    {
        judged.Add(id);
        Report(id, phases[id], desired: "old", canary: canary);
    }

    public IReadOnlyList<string> Standing(MemberStanding standing) => Ids.Where(id => Book.Contains(id) && Book.StandingOf(id) == standing).ToList();

    private readonly Dictionary<string, int> waves = [];

    private int WaveOf(string id) => waves.GetValueOrDefault(id);

    private void Report(string id, Phase phase, string desired, long releasedSeq = 0, int wave = 0, string? reason = null, bool? canary = null)
    {
        if (releasedSeq > 0)
            waves[id] = wave;
        canaries[id] = canary ?? canaries.GetValueOrDefault(id);
        phases[id] = phase;
        Book.Apply(new MemberReport(id, "pos", phase, desired, null, ++stamp, Reason: reason, IsCanary: canaries[id], ReleasedSeq: releasedSeq, ReleasedWave: wave,
            CanarySelector: judged.Contains(id) ? selector : null));
    }

    private readonly string? selector;
    private readonly HashSet<string> judged = [];
    private readonly Dictionary<string, bool> canaries = [];
    private readonly Dictionary<string, Phase> phases = [];
}
