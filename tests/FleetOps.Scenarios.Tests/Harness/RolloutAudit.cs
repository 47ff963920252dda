using FleetOps.Shared.Api;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>One revision's entries in a group's rollout audit, oldest first, with lookups that explain themselves when they fail.</summary>
public sealed class RolloutAudit(IReadOnlyList<RolloutEventView> events, string revision)
{
    public IReadOnlyList<RolloutEventView> Events { get; } = events.Where(e => e.Revision == revision).ToList();

    /// <summary>The kinds in order, with the wave where one is given: "Started", "WaveCompleted 0", ...</summary>
    public IReadOnlyList<string> Timeline => Events.Select(e => e.Kind is RolloutEventKinds.WaveReleased or RolloutEventKinds.WaveCompleted or RolloutEventKinds.Halted
        ? $"{e.Kind} {e.Wave}" : e.Kind).ToList();

    public static async Task<RolloutAudit> ReadAsync(ScenarioFleet fleet, string group, string revision) =>
        new(await fleet.AuditAsync(group), revision);

    /// <summary>The one event of <paramref name="kind"/> (in <paramref name="wave"/>, if given).</summary>
    public RolloutEventView One(string kind, int? wave = null)
    {
        var matches = Events.Where(e => e.Kind == kind && (wave is null || e.Wave == wave)).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind}{(wave is null ? "" : $" in wave {wave}")}, found {matches.Count}: {this}");
        return matches[0];
    }

    public bool Has(string kind, int? wave = null) => Events.Any(e => e.Kind == kind && (wave is null || e.Wave == wave));

    public override string ToString() => string.Join(" | ", Events.Select(e => $"{e.At:HH:mm:ss.fff} {e.Kind} w{e.Wave} {e.Actor} {e.Detail}"));
}
