using FleetOps.Simulator;
using FleetOps.Simulator.Demo;

namespace FleetOps.Scenarios.Tests;

/// <summary>The README's demo command: a hub and simulated stores converge, and cancelling (Ctrl-C) stops it cleanly.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task TheDemoConvergesItsStoresAndStopsCleanlyWhenCancelled()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fleetops-demo-" + Guid.NewGuid().ToString("N")[..12]);
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        try
        {
            // Port 0 picks free ports, so the test never collides with a demo someone is running.
            var demo = new DemoRunner(new DemoOptions { Stores = 3, Directory = folder, HttpPort = 0, MqttPort = 0 }, TextWriter.Synchronized(output));
            var running = demo.RunAsync(stop.Token);

            await Poll.UntilAsync(() => running.IsCompleted || output.ToString().Contains("3/3 converged", StringComparison.Ordinal),
                TimeSpan.FromSeconds(90), "the demo's stores to converge");
            Assert.False(running.IsCompleted, "the demo ended before it was stopped:\n" + output);
            Assert.Contains("FLEETOPS_TOKEN=", output.ToString());
            Assert.True(File.Exists(Path.Combine(folder, "fleet-config", "fleet.yaml")), "the working copy the user commits to exists");

            await stop.CancelAsync();
            Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("stopping", output.ToString());
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
