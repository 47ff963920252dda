using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains;

[GenerateSerializer]
internal sealed class FleetState
{
    /// <summary>The last commit whose fleet.yaml was accepted.</summary>
    [Id(0)] public CommitInfo? Commit { get; set; }

    [Id(1)] public List<GroupSpec> Groups { get; set; } = [];

    [Id(3)] public FleetError? SourceError { get; set; }

    /// <summary>The last head looked at, accepted or refused: the watcher skips it next time.</summary>
    [Id(4)] public string? LastHead { get; set; }

    [Id(5)] public long SnapshotVersion { get; set; }

    /// <summary>Why fleet.yaml at <see cref="LastHead"/> was refused: every error the parser found, each with its line.</summary>
    [Id(6)] public List<FleetError> DefinitionErrors { get; set; } = [];

    /// <summary>The seq of the latest target move of any group: every move takes the next one.</summary>
    [Id(7)] public long LastTargetSeq { get; set; }

    /// <summary>Groups taken out of fleet.yaml, newest last (bounded): so a removal can be waited on, and a typo is not "removed".</summary>
    [Id(8)] public List<RemovedGroup> Removed { get; set; } = [];
}
