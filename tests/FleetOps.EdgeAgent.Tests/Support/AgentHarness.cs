using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Hosting;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.State;
using FleetOps.KubeEmulator;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>
/// One agent under test: its own data dir, emulated cluster (reached over HTTP through KubernetesClient
/// with a kubeconfig, as on a store), git remote and fake clock. Time moves only while a test waits.
/// </summary>
public sealed class AgentHarness : IAsyncDisposable
{
    private readonly KubeEmulatorServer emulator;

    public AgentHarness(KubeEmulatorServer emulator)
    {
        this.emulator = emulator;
        ClusterId = $"store-{Guid.NewGuid():N}"[..18];
        Cluster = emulator.Cluster(ClusterId);
        Kubeconfig = Cluster.WriteKubeconfig(Data.Sub("kubeconfig"));
    }

    public string ClusterId { get; }

    public TempDir Data { get; } = new();

    public string DataDir => Data.Sub("agent");

    public string Kubeconfig { get; }

    public EmulatedCluster Cluster { get; }

    public GitRepo Repo { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public EdgeAgentHost? Agent { get; private set; }

    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public Dictionary<string, string> Labels { get; } = new() { ["region"] = "east" };

    /// <summary>The keys the agent trusts; none by default (revisions are not verified).</summary>
    public TrustedKeys TrustedKeys { get; set; } = TrustedKeys.None;

    /// <summary>A local port for the agent's Prometheus metrics; none by default.</summary>
    public int? MetricsPort { get; set; }

    public AgentOptions Options(Uri? broker = null) => AgentOptions.Default with
    {
        MetricsPort = MetricsPort,
        ClusterId = ClusterId,
        Labels = Labels,
        Broker = broker,
        Token = broker is null ? null : "token",
        Kubeconfig = Kubeconfig,
        DataDir = DataDir,
        HealthTimeout = HealthTimeout,
        Source = new SourceRef(Repo.Url, Repo.Branch),
        TrustedKeys = TrustedKeys,
        Link = LinkOptions.Default with { MinReconnectDelay = TimeSpan.FromSeconds(1), MaxReconnectDelay = TimeSpan.FromSeconds(4) },
    };

    public async Task StartAgentAsync(Uri? broker = null, Action<IServiceCollection>? configure = null)
    {
        Agent = EdgeAgentHost.Create(Options(broker), time: Time, configure: configure);
        await Agent.StartAsync();
    }

    public async Task StopAgentAsync()
    {
        if (Agent is not null)
            await Agent.DisposeAsync();
        Agent = null;
    }

    private T Get<T>() where T : notnull => (Agent ?? throw new InvalidOperationException("agent not started")).Services.GetRequiredService<T>();

    public DesiredMessage Desired(long generation, string revision, string path = "shop/overlays/store", string group = "shop", int intervalSeconds = 3600) =>
        new(1, ClusterId, generation, new SourceRef(Repo.Url, Repo.Branch), [new DesiredGroup(group, path, revision, "sha256:test")], intervalSeconds, Time.GetUtcNow());

    /// <summary>Hands desired state to the agent as the link would (for tests without a broker).</summary>
    public void SetDesired(DesiredMessage desired) => Get<DesiredStateIntake>().Accept(desired);

    public GroupStatus? Status(string group = "shop") => Get<StatusBoard>().Get(group);

    public ChangeSet? LastChangeSet(string group = "shop") => Get<GroupReconciler>().LastChangeSet(group);

    public IReadOnlyList<JournalEvent> Journal => Get<IAgentStore>().ReadJournal(0, 100_000);

    public IAgentStore Store => Get<IAgentStore>();

    /// <summary>Waits (moving fake time on) until the group's status satisfies the condition; a timeout says what the status was by then.</summary>
    public Task WaitForStatusAsync(Func<GroupStatus, bool> condition, string because, string group = "shop", TimeSpan? step = null) =>
        Eventually.UntilAsync(() => Task.FromResult(Status(group) is { } s && condition(s)), () => $"{because} (last status: {Describe(Status(group))})", advance: Time, step: step);

    public Task WaitConvergedAsync(string revision, string group = "shop") =>
        WaitForStatusAsync(s => s.Phase == Phase.Converged && s.AppliedRevision == revision, $"{group} converges at {Revisions.Short(revision)}", group);

    private static string Describe(GroupStatus? s) => s is null ? "none" : $"{s.Phase} {s.Reason} {s.Message} applied {Revisions.Short(s.AppliedRevision)}";

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        emulator.RemoveCluster(ClusterId);
        Repo.Dispose();
        Data.Dispose();
    }
}
