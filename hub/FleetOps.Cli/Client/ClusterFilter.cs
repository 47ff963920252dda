using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Client;

/// <summary>The filters of <c>GET /api/v1/clusters</c>; <see cref="StaleFor"/> goes to the hub as typed (<c>10m</c>).</summary>
public sealed record ClusterFilter(string? Group, Phase? Phase, string? Selector, string? StaleFor)
{
    public static readonly ClusterFilter None = new(null, null, null, null);
}
