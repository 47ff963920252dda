using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;

namespace FleetOps.Hub.Rollouts;

/// <summary>
/// The durable part of a group's rollout, kept in grain storage so a hub restart resumes it where it was:
/// what is rolled out under which policy, the phase, the wave and when it became complete (bake), and the
/// operator's overrides. Who was released is not here: each cluster keeps its own release, and the group
/// rebuilds its book from their reports.
/// </summary>
[GenerateSerializer]
internal sealed class RolloutRecord
{
    [Id(0)] public required TargetRef Target { get; init; }

    [Id(1)] public CommitInfo? Commit { get; init; }

    [Id(2)] public required RolloutPolicy Policy { get; set; }

    [Id(3)] public DateTimeOffset StartedAt { get; init; }

    [Id(4)] public RolloutPhase Phase { get; set; } = RolloutPhase.Progressing;

    [Id(5)] public int Wave { get; set; }

    /// <summary>When the current wave became complete; its bake runs from here.</summary>
    [Id(6)] public DateTimeOffset? WaveCompleteSince { get; set; }

    /// <summary>Failures already seen when an operator resumed a halted rollout; the budget counts from there.</summary>
    [Id(7)] public int BudgetOffset { get; set; }

    /// <summary>promote --now: members apply the revision outside their windows.</summary>
    [Id(8)] public bool IgnoreWindows { get; set; }

    /// <summary>promote --all: every member is released, whatever wave it would have been in.</summary>
    [Id(9)] public bool ReleaseAll { get; set; }

    /// <summary>The canary wave was approved (promote while waiting for approval).</summary>
    [Id(10)] public bool Approved { get; set; }

    /// <summary>Who paused it, for the view.</summary>
    [Id(11)] public string? PausedBy { get; set; }

    public int WaveCount => (Policy.Canary is null ? 0 : 1) + Policy.Waves.Count;

    public bool IsCanaryWave(int wave) => Policy.Canary is not null && wave == 0;

    public bool IsLastWave => Wave >= WaveCount - 1;
}
