namespace FleetOps.Shared.Api;

/// <summary>
/// The fleet-config repository: the URL agents fetch from, the branch, and the hub's last look at it
/// (<see cref="LastFetchAt"/> is the last successful poll, whether or not the head had moved).
/// <see cref="Renderer"/> is the hub's kustomize tool and version, or why it has none it can use.
/// </summary>
public sealed record SourceView(
    string Url,
    string Branch,
    DateTimeOffset? LastFetchAt,
    double? LastFetchSeconds,
    double? LastRenderSeconds,
    string? Renderer = null);
