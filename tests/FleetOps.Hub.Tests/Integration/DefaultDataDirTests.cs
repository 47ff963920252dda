using System.Diagnostics;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// The README says the hub keeps its state in <c>./.data/hub</c>, under the folder it was started from, and starts it
/// with <c>dotnet run --project hub/FleetOps.Hub</c> from the checkout. The Web SDK makes <c>dotnet run</c> start a
/// project in the project's own folder, so the state landed in <c>hub/FleetOps.Hub/.data</c>; the csproj turns that
/// off. Run exactly so (without building: the test project built it), since only a process has a working directory.
/// </summary>
public sealed class DefaultDataDirTests
{
    [Fact]
    public async Task DotnetRunWithoutADataDirSettingKeepsTheHubsStateUnderTheCallersWorkingDirectory()
    {
        using var workingDirectory = new TempDir("fleetops-hub-cwd");
        var binary = Checkout.BuildOutput(Path.Combine("hub", "FleetOps.Hub"), "fleetops-hub.dll");
        var inProject = Checkout.PathOf("hub", "FleetOps.Hub", ".data");
        var hadOneInProject = Directory.Exists(inProject);
        using var hub = Start(binary, workingDirectory.Path);
        try
        {
            var expected = workingDirectory.Sub(".data", "hub");
            await Eventually.UntilAsync(() => hub.HasExited || !hadOneInProject && Directory.Exists(inProject)
                    || File.Exists(Path.Combine(expected, "admin-token")) && File.Exists(Path.Combine(expected, "hub.db")),
                $"the hub wrote its admin token and database under {expected}", TimeSpan.FromSeconds(120));

            Assert.False(hub.HasExited, "the hub stopped at start");
            Assert.False(!hadOneInProject && Directory.Exists(inProject), $"the hub made its data dir in the project folder, {inProject}");
        }
        finally
        {
            Stop(hub);
        }
    }

    private static Process Start(string binary, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The configuration the test assembly was built with is the folder above its framework folder, as for the hub's binary.
        var configuration = new DirectoryInfo(Path.GetDirectoryName(binary)!).Parent!.Name;
        foreach (var arg in new[]
        {
            "run", "--no-build", "-c", configuration, "--project", Checkout.PathOf("hub", "FleetOps.Hub"), "--", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--Hub:Mqtt:Port", FreePort.Next().ToString(), "--Hub:Mqtt:TlsPort", FreePort.Next().ToString(),
            "--Hub:Mqtt:BindAddress", "127.0.0.1", "--Hub:Orleans:SiloPort", FreePort.Next().ToString(), "--Logging:LogLevel:Default", "Warning",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        // Drained so a chatty start never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // dotnet run and the hub it started: both are this test's, and the hub's state is a temp dir's.
    private static void Stop(Process hub)
    {
        if (!hub.HasExited)
            hub.Kill(entireProcessTree: true);
        hub.WaitForExit(30_000);
    }
}
