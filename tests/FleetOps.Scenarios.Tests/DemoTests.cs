using FleetOps.Shared.Api;
using FleetOps.Simulator.Demo;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;

namespace FleetOps.Scenarios.Tests;

/// <summary>The README's demo command: a hub and simulated stores converge, and cancelling (Ctrl-C) stops it cleanly.</summary>
public sealed class DemoTests
{
    [Fact]
    public void StoresTheHubHasNotHeardFromSinceItStartedAreNotCountedAsConverged()
    {
        // A rerun: the hub remembers 12 converged stores, none of which has said a word to this hub yet.
        var fleet = new FleetView(new SourceView("u", "main", null, null, null), new CommitInfo(new string('d', 40), "Initial fleet-config", DateTimeOffset.UnixEpoch),
            [], [], new PhaseCounts(12, 0, 0, 0, 0, 0, 0, Unconfirmed: 12));

        var line = DemoSummary.Line(fleet);

        Assert.StartsWith("12/12 not heard from since the hub started (as last reported: 12/12 converged", line);
    }

    [Fact]
    public void ARefusedNewestCommitIsNamedBesideTheAcceptedOne()
    {
        var refused = new string('e', 40);
        var fleet = new FleetView(new SourceView("u", "main", null, null, null), new CommitInfo(new string('d', 40), "Initial fleet-config", DateTimeOffset.UnixEpoch),
            [new FleetError(FleetErrorKinds.Render, "group 'pos-east': did not render", null, null, refused, DateTimeOffset.UnixEpoch)], [], new PhaseCounts(12, 0, 0, 0, 0, 0, 0), refused);

        Assert.Contains("commit ddddddd \"Initial fleet-config\", newest commit eeeeeee refused", DemoSummary.Line(fleet));
    }

    [Fact]
    public async Task TheDemoConvergesItsStoresAndStopsCleanlyWhenCancelled()
    {
        using var folder = new TempDir("fleetops-demo");
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        // Port 0 picks free ports, so the test never collides with a demo someone is running.
        var demo = new DemoRunner(new DemoOptions { Stores = 3, Directory = folder.Path, HttpPort = 0, MqttPort = 0, TlsPort = 0 }, TextWriter.Synchronized(output));
        var running = demo.RunAsync(stop.Token);

        await Eventually.UntilAsync(() => running.IsCompleted || output.ToString().Contains("3/3 converged", StringComparison.Ordinal),
            "the demo's stores converge", TimeSpan.FromSeconds(90));
        Assert.False(running.IsCompleted, "the demo ended before it was stopped:\n" + output);
        Assert.Contains("FLEETOPS_TOKEN=", output.ToString());
        Assert.Contains("verifying the hub over mqtts", output.ToString());
        Assert.True(File.Exists(Path.Combine(folder.Path, "fleet-config", "fleet.yaml")), "the working copy the user commits to exists");

        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("stopping", output.ToString());
    }
}
