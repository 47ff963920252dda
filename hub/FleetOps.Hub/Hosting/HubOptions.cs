namespace FleetOps.Hub.Hosting;

/// <summary>
/// Section <c>Hub</c>: where the hub keeps its files and how it judges clusters. Every key can also be
/// given as an environment variable (<c>Hub__DataDir</c>) or a command-line switch (<c>--Hub:DataDir</c>).
/// </summary>
public sealed record HubOptions
{
    public const string Section = "Hub";

    public static readonly HubOptions Default = new();

    /// <summary>LiteDB file, git mirror, render scratch space and the generated admin token live here.</summary>
    public string DataDir { get; set; } = "./.data/hub";

    /// <summary>Bearer token for the HTTP API; when empty one is generated into the data dir at first start.</summary>
    public string? AdminToken { get; set; }

    /// <summary>An online cluster silent for longer than this is shown as stale.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// After a start with the embedded broker, how long a cluster that was online may go without saying hello before
    /// the hub takes it as Offline (no Last Will fired when the hub stopped). Longer than an agent's longest
    /// reconnect backoff (2 minutes by default).
    /// </summary>
    public TimeSpan PresenceGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Journal events kept per cluster; older ones are trimmed.</summary>
    public int HistoryLimit { get; set; } = 10_000;

    /// <summary>How often agents reconcile from their local cache, sent in every desired message.</summary>
    public int ReconcileIntervalSeconds { get; set; } = 300;

    /// <summary>
    /// Label keys an agent's hello may set for group selection, where the registry does not: exact keys, or prefixes
    /// ending in <c>/</c> or <c>*</c> (<c>hardware.example.com/</c>, <c>hw-*</c>). Empty: the registry's labels alone
    /// select groups, and what agents report is only shown.
    /// </summary>
    public string[] AgentLabelKeys { get; set; } = [];

    public string FullDataDir => Path.GetFullPath(DataDir);
}
