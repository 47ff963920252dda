using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

[GenerateSerializer]
internal sealed class ClusterState
{
    [Id(0)] public bool Registered { get; set; }

    [Id(1)] public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The registry's labels (register, <c>fleetops label</c>): they select groups, whatever the agent says.</summary>
    [Id(2)] public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest generation the hub issued.</summary>
    [Id(3)] public long Generation { get; set; }

    /// <summary>The generation the agent last said it holds; new generations go above it.</summary>
    [Id(4)] public long AgentGeneration { get; set; }

    [Id(5)] public List<DesiredGroup> Desired { get; set; } = [];

    [Id(6)] public DateTimeOffset DesiredAt { get; set; }

    /// <summary>Every group whose selector matches, including groups that have no target yet.</summary>
    [Id(7)] public List<string> Memberships { get; set; } = [];

    [Id(8)] public long SnapshotVersion { get; set; }

    [Id(9)] public PresenceState? Presence { get; set; }

    /// <summary>The agent's own time on its latest presence or hello.</summary>
    [Id(10)] public DateTimeOffset? PresenceAt { get; set; }

    /// <summary>Hub time of the latest message from the agent.</summary>
    [Id(11)] public DateTimeOffset? LastSeen { get; set; }

    [Id(12)] public bool HasReported { get; set; }

    [Id(13)] public string? AgentVersion { get; set; }

    [Id(14)] public string? KubernetesVersion { get; set; }

    [Id(15)] public StatusMessage? LastStatus { get; set; }

    /// <summary>The highest journal seq persisted and acknowledged, in the hub's numbering (the agent's plus <see cref="JournalBase"/>).</summary>
    [Id(16)] public long AckedSeq { get; set; }

    /// <summary>Hub time when <see cref="Presence"/> last changed.</summary>
    [Id(17)] public DateTimeOffset? PresenceSince { get; set; }

    /// <summary>Per group with a rollout: the newest target released to this cluster.</summary>
    [Id(18)] public Dictionary<string, Release> Releases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per group: a target an operator holds this cluster at, outside waves and budgets.</summary>
    [Id(19)] public Dictionary<string, TargetRef> Pins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Groups whose canary selector picks this cluster.</summary>
    [Id(20)] public List<string> CanaryIn { get; set; } = [];

    /// <summary>Per group with a canary selector: the selector, as text, that <see cref="CanaryIn"/> was judged against.</summary>
    [Id(22)] public Dictionary<string, string> CanarySelectors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per group: why its release was taken back (an abort), told to the agent with the stable revision until a new release.</summary>
    [Id(21)] public Dictionary<string, string> Notes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Hub time the agent last said anything (hello, status, journal, presence): what confirms <see cref="Presence"/>.</summary>
    [Id(23)] public DateTimeOffset? PresenceConfirmedAt { get; set; }

    /// <summary>Hub time <see cref="LastStatus"/> arrived, beside the agent's own stamp on it (the store's clock may be off).</summary>
    [Id(24)] public DateTimeOffset? StatusReceivedAt { get; set; }

    /// <summary>The store's kustomize tool and version, from its agent's last hello.</summary>
    [Id(25)] public string? Renderer { get; set; }

    /// <summary>
    /// Hub seq minus agent seq for this cluster's journal: 0 until the agent's journal restarts (its data dir wiped)
    /// or the hub lost what it acknowledged; then the history carries on numbering above what the hub has.
    /// </summary>
    [Id(26)] public long JournalBase { get; set; }

    /// <summary>The highest journal seq the agent has allocated, as far as the hub knows (hello, stored events): what a compaction may fold.</summary>
    [Id(27)] public long AgentLastSeq { get; set; }

    /// <summary>The labels the agent last reported that are labels at all: facts, selecting only for keys the operator allows.</summary>
    [Id(28)] public Dictionary<string, string> AgentLabels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What of the agent's last reported labels was dropped, and why; null when nothing was.</summary>
    [Id(29)] public string? AgentLabelsDropped { get; set; }

    /// <summary>Who last changed <see cref="Labels"/> after registration (the API's actor), and when.</summary>
    [Id(30)] public string? LabelsChangedBy { get; set; }

    [Id(31)] public DateTimeOffset? LabelsChangedAt { get; set; }

    /// <summary>Per group its agent reports: what the group owns on the store, as last sent (an agent sends it only when it changed).</summary>
    [Id(32)] public Dictionary<string, HeldInventory> Inventories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The newest event time (the agent's clock) among the journal events the hub stored: a hello older than it is stale.</summary>
    [Id(33)] public DateTimeOffset? LastEventAt { get; set; }

    /// <summary>
    /// The labels the current generation told the agent (its <c>${cluster.labels.*}</c> read them): a change issues a new
    /// generation. Null for state stored before they were sent; adopted then without one.
    /// </summary>
    [Id(34)] public Dictionary<string, string>? DesiredLabels { get; set; }
}
