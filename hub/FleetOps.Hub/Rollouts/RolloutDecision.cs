using FleetOps.Shared.Api;

namespace FleetOps.Hub.Rollouts;

/// <summary>What one evaluation of a rollout (or an operator action) decided: members to release now, audit events, and whether the header changed.</summary>
internal sealed class RolloutDecision
{
    public List<(string ClusterId, int Wave)> Releases { get; } = [];

    public List<RolloutEvent> Events { get; } = [];

    /// <summary>The header changed (phase, wave, bake start) and must be written.</summary>
    public bool Changed { get; set; }

    /// <summary>The rollout completed in this step: its revision becomes the group's stable one.</summary>
    public bool Completed { get; set; }

    public void Note(DateTimeOffset at, string kind, RolloutRecord rollout, string? detail = null, string? actor = null, int? wave = null) =>
        Events.Add(new RolloutEvent(at, kind, rollout.Target.Revision, wave ?? rollout.Wave, actor, detail, WavePlan.Name(rollout, wave ?? rollout.Wave)));

    public bool IsEmpty => Releases.Count == 0 && Events.Count == 0 && !Changed;

    public static bool Holds(RolloutPhase phase) => phase is RolloutPhase.Progressing;
}
