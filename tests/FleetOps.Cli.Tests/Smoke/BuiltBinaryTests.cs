using System.Diagnostics;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;

namespace FleetOps.Cli.Tests.Smoke;

/// <summary>The real built fleetops, run as a process the way an operator runs it, against the seeded hub.</summary>
[Collection(SeededFleetCollection.Name)]
public sealed class BuiltBinaryTests(SeededFleet fleet)
{
    [Fact]
    public async Task TheBuiltBinaryAnswersStatusFromTheEnvironmentsHubAndToken()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "fleetops.dll"), "status"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FLEETOPS_HUB"] = fleet.Hub.ApiAddress.ToString();
        start.Environment["FLEETOPS_TOKEN"] = fleet.Hub.Options.AdminToken;
        start.Environment["HOME"] = CliRunner.NoHome;
        start.Environment.Remove("XDG_CONFIG_HOME");
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == ExitCodes.Ok, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        Assert.Contains("pos-east  5cc9174 Bump POS to 2.15", await stdout);
        Assert.Contains("fleet: 6/12 converged (50%)", await stdout);
    }
}
