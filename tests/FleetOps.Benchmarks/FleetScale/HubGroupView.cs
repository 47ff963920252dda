using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>What the hub's API says of the benchmark's group at a revision: members Converged there, and Failed there.</summary>
public sealed record HubGroupView(GroupDetail Detail, int Converged, int Failed)
{
    public static async Task<HubGroupView> ReadAsync(HubClient api, string revision, CancellationToken cancellationToken)
    {
        var detail = await api.GetGroupAsync(FleetScaleRepository.Group, cancellationToken);
        var converged = detail.Members.Count(m => m.Phase == Phase.Converged && m.AppliedRevision == revision);
        var failed = detail.Members.Count(m => m.Phase == Phase.Failed && m.DesiredRevision == revision);
        return new HubGroupView(detail, converged, failed);
    }
}
