using FleetOps.EdgeAgent.Source;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;

namespace FleetOps.EdgeAgent.Configuration;

/// <summary>
/// Everything one agent needs to run. Instance-scoped: a simulator builds many of these, one per
/// emulated store, so nothing here may be read from process-wide state.
/// </summary>
public sealed record AgentOptions
{
    public static readonly AgentOptions Default = new();

    /// <summary>DNS label naming this cluster; MQTT client id and username.</summary>
    public string ClusterId { get; init; } = "";

    /// <summary>Labels the hub selects on; also the values of <c>${cluster.labels.KEY}</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary><c>mqtt://host:port</c> or <c>mqtts://host:port</c>; null runs without a hub (local cache only).</summary>
    public Uri? Broker { get; init; }

    /// <summary>
    /// PEM file of the CA the broker's certificate must chain to over mqtts (the hub's own, from <c>fleetops broker-ca</c>):
    /// the only trust anchor when set; null trusts this machine's store.
    /// </summary>
    public string? BrokerCa { get; init; }

    /// <summary>The cluster's token, sent as the MQTT password. Never logged.</summary>
    public string? Token { get; init; }

    /// <summary>Path to a kubeconfig; null with <see cref="InCluster"/> false means the default kubeconfig.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Use the pod's service account (the agent runs inside the cluster it manages).</summary>
    public bool InCluster { get; init; }

    /// <summary>Holds the LiteDB state file, the bare git cache and temporary render folders.</summary>
    public string DataDir { get; init; } = "/var/lib/fleetops-agent";

    public GitCredentialOptions Git { get; init; } = GitCredentialOptions.Default;

    /// <summary>
    /// The fleet-config repository and branch this agent fetches from: its own setting, never the URL a desired
    /// message names, so a compromised hub or broker cannot point the store at another repository.
    /// Required with a broker; without one, only revisions already cached can run.
    /// </summary>
    public SourceRef? Source { get; init; }

    /// <summary>
    /// Keys a revision must be signed with before it is rendered (the agent's own, never keys the hub sends).
    /// <see cref="TrustedKeys.None"/>: revisions are not verified.
    /// </summary>
    public TrustedKeys TrustedKeys { get; init; } = TrustedKeys.None;

    /// <summary>How often to reconcile from the local cache; the desired message's interval overrides it.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long objects may take to become healthy before the group is Degraded.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one request to the Kubernetes API may go unanswered before the API server counts as hung
    /// and the run fails (HttpClient's timeout; its default).
    /// </summary>
    public TimeSpan KubeRequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Unacknowledged journal events kept before the oldest are compacted into one event.</summary>
    public int JournalLimit { get; init; } = 10_000;

    /// <summary>The local port serving Prometheus metrics; null (the default) serves none.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>The address the metrics port listens on: loopback unless a scraper elsewhere needs it (<c>*</c> in a pod).</summary>
    public string MetricsHost { get; init; } = "127.0.0.1";

    public LinkOptions Link { get; init; } = LinkOptions.Default;

    public RetryOptions Retry { get; init; } = RetryOptions.Default;

    // Records print every member; the token must never reach a log line through ToString.
    public override string ToString() =>
        $"AgentOptions {{ ClusterId = {ClusterId}, Broker = {Broker}, BrokerCa = {BrokerCa ?? "none"}, Token = {(Token is null ? "none" : "***")}, Source = {(Source is null ? "none" : $"{SourceUrls.Redact(Source.Url)} ({Source.Branch})")}, TrustedKeys = {TrustedKeys}, DataDir = {DataDir}, Kubeconfig = {Kubeconfig}, InCluster = {InCluster}, ReconcileInterval = {ReconcileInterval}, HealthTimeout = {HealthTimeout} }}";
}
