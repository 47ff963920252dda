using FleetOps.EdgeAgent.Cli;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Local;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Tests.Cli;

public sealed class LocalCommandsTests : IDisposable
{
    private static readonly string Desired = new('d', 40);
    private static readonly string Applied = new('a', 40);

    private readonly TempDir dir = new();

    private string DataDir => dir.Sub("data");

    // What a store's data dir holds after a while: a desired state, one group converged, one failing, events the hub has and has not.
    private LiteAgentStore Seed()
    {
        var store = new LiteAgentStore(DataDir, "store-0042", 100, TimeProvider.System);
        store.SaveDesired(new DesiredMessage(1, "store-0042", 7, new SourceRef("https://git.example/fleet.git", "main"),
            [new DesiredGroup("platform", "platform", Applied, "sha256:p"), new DesiredGroup("pos-east", "apps/pos/overlays/east", Desired, "sha256:e")], 300, DateTimeOffset.UtcNow));
        store.SaveGroup(GroupRecord.New("platform") with
        {
            AppliedRevision = Applied,
            Status = new GroupStatus("platform", Phase.Converged, Reasons.ReconciliationSucceeded, "applied", Applied, Applied, new ResourceCounts(3, 3), []),
        });
        store.SaveGroup(GroupRecord.New("pos-east") with
        {
            AppliedRevision = Applied,
            Status = new GroupStatus("pos-east", Phase.Failed, Reasons.ApplyFailed, "Deployment/pos/api apply failed: admission webhook denied it", Desired, Applied, new ResourceCounts(4, 0), []),
        });
        store.Append(JournalEventKinds.Connected, detail: "mqtts://hub:8883");
        store.Append(JournalEventKinds.Applied, "platform", Applied, "ConfigMap/platform/settings configured");
        store.RecordContact();
        store.Acknowledge(2);
        store.Append(JournalEventKinds.Failed, "pos-east", Desired, "ApplyFailed: Deployment/pos/api apply failed");
        return store;
    }

    [Fact]
    public async Task StatusReadsTheDataDirWhenNoAgentRuns()
    {
        Seed().Dispose();

        var run = await AgentRun.RunAsync(["status", "--data-dir", DataDir]);

        Assert.Equal(AgentExitCodes.Ok, run.ExitCode);
        Assert.Contains("store-0042 · desired generation 7 · read from the data dir", run.Out);
        Assert.Contains("journal: 1 events not yet sent to the hub (last seq 3, the hub has up to 2)", run.Out);
        Assert.Matches(@"last contact with the hub: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(just now\)", run.Out);
        var lines = run.Out.Split('\n');
        Assert.Matches(@"^platform +Converged +ReconciliationSucceeded +aaaaaaa +aaaaaaa", Assert.Single(lines, l => l.StartsWith("platform ", StringComparison.Ordinal)));
        Assert.Matches(@"^pos-east +Failed +ApplyFailed +ddddddd +aaaaaaa", Assert.Single(lines, l => l.StartsWith("pos-east ", StringComparison.Ordinal)));
        Assert.Contains("  pos-east: Deployment/pos/api apply failed: admission webhook denied it", run.Out);
        Assert.Contains(lines, l => l.StartsWith("3* ", StringComparison.Ordinal) && l.Contains("Failed") && l.Contains("pos-east"));
        Assert.Contains(lines, l => l.StartsWith("2 ", StringComparison.Ordinal) && l.Contains("Applied"));
    }

    [Fact]
    public async Task StatusAndHistoryAskTheRunningAgentWhileItHoldsTheStateFile()
    {
        using var store = Seed();
        using var logs = new Doubles.RecordingLoggerProvider();
        using var socket = new ControlSocket(AgentOptions.Default with { ClusterId = "store-0042", DataDir = DataDir }, store, logs.CreateFactory().CreateLogger<ControlSocket>());
        await socket.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => File.Exists(ControlSocket.PathIn(DataDir)), "the agent listens on its control socket");

        var status = await AgentRun.RunAsync(["status", "--data-dir", DataDir]);
        // The agent writes on while the command runs: the answer comes from its own open store.
        store.Append(JournalEventKinds.DriftCorrected, "platform", Applied, "Deployment/platform/mqtt-bridge configured");
        var history = await AgentRun.RunAsync(["history", "--group", "platform"], new() { ["FLEETOPS_DATA_DIR"] = DataDir });

        await socket.StopAsync(CancellationToken.None);
        Assert.True(status.ExitCode == AgentExitCodes.Ok, status.Err + string.Join("\n", logs.Lines.Select(l => l.Message + l.Exception)));
        Assert.Contains("answered by the running agent", status.Out);
        Assert.Contains("pos-east", status.Out);
        Assert.Equal(AgentExitCodes.Ok, history.ExitCode);
        var events = history.Out.Split('\n').Skip(1).Where(l => l.Length > 0 && char.IsDigit(l[0])).ToList();
        Assert.Equal(2, events.Count);
        Assert.Contains("Applied", events[0]);
        Assert.Contains("DriftCorrected", events[1]);
        Assert.StartsWith("4*", events[1]);
        Assert.False(File.Exists(ControlSocket.PathIn(DataDir)), "a stopped agent leaves no socket behind");
    }

    [Fact]
    public async Task HistoryKeepsEventsTheHubHasAcknowledgedAndShowsTheNewestUpToTheLimit()
    {
        using (var store = Seed())
        {
            for (var i = 0; i < 5; i++)
                store.Append(JournalEventKinds.DriftCorrected, "platform", Applied, $"correction {i}");
            store.Acknowledge(store.LastSeq);
        }

        var run = await AgentRun.RunAsync(["history", "--data-dir", DataDir, "--limit", "3", "--json"]);

        Assert.Equal(AgentExitCodes.Ok, run.ExitCode);
        var history = System.Text.Json.JsonSerializer.Deserialize(run.Out, LocalJsonContext.Default.LocalHistory)!;
        Assert.Equal([6L, 7L, 8L], history.Events.Select(e => e.Seq));
        Assert.Equal(8, history.AckedSeq);
        Assert.Equal("correction 4", history.Events[^1].Detail);
    }

    [Fact]
    public async Task AStaleSocketFromAKilledAgentFallsBackToTheStateFile()
    {
        Seed().Dispose();
        using (var stale = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
            stale.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(ControlSocket.PathIn(DataDir)));

        var run = await AgentRun.RunAsync(["status", "--data-dir", DataDir]);

        Assert.Equal(AgentExitCodes.Ok, run.ExitCode);
        Assert.Contains("read from the data dir", run.Out);
    }

    [Fact]
    public async Task StatusSaysClearlyWhenTheDataDirDoesNotExistOrHoldsNoState()
    {
        var missing = await AgentRun.RunAsync(["status", "--data-dir", dir.Sub("nowhere")]);
        Directory.CreateDirectory(dir.Sub("empty"));
        var empty = await AgentRun.RunAsync(["history", "--data-dir", dir.Sub("empty")]);

        Assert.Equal(AgentExitCodes.NoState, missing.ExitCode);
        Assert.Equal($"fleetops-agent status: data dir '{dir.Sub("nowhere")}' does not exist: give the agent's data dir with --data-dir or FLEETOPS_DATA_DIR (the service's is in its environment file)", missing.Err.Trim());
        Assert.Equal(AgentExitCodes.NoState, empty.ExitCode);
        Assert.Contains("holds no agent state (no agent.db)", empty.Err);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Sub("empty")));
    }

    public void Dispose() => dir.Dispose();
}
