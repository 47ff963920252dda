namespace FleetOps.Hub.Source;

/// <summary>The watcher's latest poll, in memory, for the API: when the repository was last reached and how long it took.</summary>
internal sealed class SourceActivity
{
    public DateTimeOffset? LastFetchAt { get; set; }

    public double? LastFetchSeconds { get; set; }

    public double? LastRenderSeconds { get; set; }
}
