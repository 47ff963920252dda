using FleetOps.Shared.Api;

namespace FleetOps.Cli.Waiting;

/// <summary>
/// In a <see cref="WaitReport"/> of a group that rolls out progressively: where its rollout of <see cref="Revision"/>
/// stood at the last look. <see cref="Wave"/> is the index of the current wave, <see cref="WaveName"/> the hub's
/// name for it ("canary", "wave 1", ...); <see cref="Next"/> is the hub's next step, or what to do when it stopped.
/// </summary>
public sealed record WaitRollout(
    RolloutPhase Phase,
    string? Revision,
    int Wave,
    int Waves,
    string? WaveName,
    int Released,
    int Members,
    RolloutBudget Budget,
    string? Next)
{
    public static WaitRollout From(RolloutView rollout) => new(
        rollout.Phase, rollout.Revision, rollout.Wave, rollout.Waves.Count,
        rollout.Wave >= 0 && rollout.Wave < rollout.Waves.Count ? rollout.Waves[rollout.Wave].Name : null,
        rollout.Waves.Sum(w => w.Released), rollout.Members, rollout.Budget, rollout.Next?.Description);
}
