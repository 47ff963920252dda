using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// Group statuses the CLI tests' stand-in agents report (through <c>SimulatedAgent.ReportAsync</c>), with
/// the times the test chooses: golden files cannot hold the wall clock.
/// </summary>
public static class AgentReports
{
    public static GroupStatus Converged(DesiredGroup group, DateTimeOffset since, int objects = 2) =>
        new(group.Name, Phase.Converged, Reasons.ReconciliationSucceeded, null, group.Revision, group.Revision,
            new ResourceCounts(objects, objects), [], since);
}
