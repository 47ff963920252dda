using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Hosting;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Doubles;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>
/// The whole agent against an API server that accepts connections and never answers (a hung
/// kube-apiserver): the client timeout must end in a reported failure, not in a silent restart.
/// </summary>
public sealed class HungKubernetesApiTests : IAsyncLifetime
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly TempDir data = new();
    private readonly GitRepo repo = new();
    private readonly RecordingLoggerProvider logs = new();
    private HungApiServer api = null!;
    private EdgeAgentHost agent = null!;

    public async Task InitializeAsync()
    {
        api = new HungApiServer(time);
        var options = AgentOptions.Default with
        {
            ClusterId = "store-hung",
            DataDir = data.Sub("agent"),
            Kubeconfig = api.WriteKubeconfig(data.Sub("kubeconfig")),
            KubeRequestTimeout = ClientTimeout,
            Source = new SourceRef(repo.Url, repo.Branch),
        };
        agent = EdgeAgentHost.Create(options, logs.CreateFactory(), time);
        await agent.StartAsync();
    }

    private GroupStatus? Status => agent.Services.GetRequiredService<StatusBoard>().Get("plain");

    private IReadOnlyList<JournalEvent> Journal => agent.Services.GetRequiredService<IAgentStore>().ReadJournal(0, 1000);

    [Fact]
    public async Task AnApiServerThatNeverAnswersFailsTheGroupWithApplyFailedAndRetriesAfterTheBackoff()
    {
        var rev = repo.CopyFrom("plain", "plain").Commit();
        agent.Services.GetRequiredService<DesiredStateIntake>().Accept(new DesiredMessage(
            1, "store-hung", 1, new SourceRef(repo.Url, repo.Branch), [new DesiredGroup("plain", "plain", rev, "sha256:test")], 3600, time.GetUtcNow()));

        // The agent's clock stands still here: only the client timeout (real time) can end the first attempt.
        // Status, journal and log line, in that order: waiting for the last means all three are written.
        await Eventually.TrueAsync(
            () => Status?.Phase == Phase.Failed && logs.Lines.Any(l => l.Message.StartsWith("Reconcile of plain", StringComparison.Ordinal)),
            "the group fails once the client gives up, and does not restart silently");

        var status = Status!;
        Assert.Equal(Reasons.ApplyFailed, status.Reason);
        Assert.Contains("the Kubernetes API did not answer within 1 s", status.Message);
        var failed = Assert.Single(Journal, e => e.Kind == JournalEventKinds.Failed);
        Assert.Contains("did not answer within 1 s", failed.Detail);
        // The agent's own log says why, in one line: the reason and the message (not a change summary such as "nothing").
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("Reconcile of plain", StringComparison.Ordinal)
            && l.Message.Contains($"Failed {Reasons.ApplyFailed}: the Kubernetes API did not answer within 1 s", StringComparison.Ordinal) && !l.Message.Contains('\n'));

        await Eventually.TrueAsync(() => api.Connections.Count >= 2, "the group is retried once the backoff has passed on the agent's clock", advance: time);
        var connections = api.Connections;
        Assert.True(connections[1] - connections[0] >= RetryOptions.Default.MinRetryDelay / 2,
            $"the retry came {connections[1] - connections[0]} after the first attempt on the agent's clock; the failure backoff is at least {RetryOptions.Default.MinRetryDelay / 2}");
        Assert.Single(Journal, e => e.Kind == JournalEventKinds.Failed);
    }

    public async Task DisposeAsync()
    {
        await agent.DisposeAsync();
        await api.DisposeAsync();
        logs.Dispose();
        repo.Dispose();
        data.Dispose();
    }
}
