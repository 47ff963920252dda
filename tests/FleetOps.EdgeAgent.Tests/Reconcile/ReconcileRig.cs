using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Health;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.Render;
using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Doubles;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Reconcile;

/// <summary>
/// The reconcile loop's real parts (store, board, reconciler, remover, workers, supervisor) over substitutes
/// for git, renderer and API server, on a fake clock. By default every render gives one ConfigMap and
/// every apply creates what it is given.
/// </summary>
internal sealed class ReconcileRig : IDisposable
{
    public static readonly string RevA = new('a', 40);
    public static readonly string RevB = new('b', 40);

    private readonly TempDir dir = new();

    public ReconcileRig(TimeSpan? healthTimeout = null)
    {
        Loggers = Logs.CreateFactory();
        Options = AgentOptions.Default with { ClusterId = "store-1", DataDir = dir.Path, HealthTimeout = healthTimeout ?? TimeSpan.FromMinutes(5), Source = new SourceRef("file:///fleet", "main") };
        Store = new LiteAgentStore(dir.Path, "store-1", 1000, Time);
        Board = new StatusBoard(Store);
        Git.Has(Arg.Any<string>()).Returns(true);
        Git.MaterializeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            var root = Path.Combine(dir.Path, "tree-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(root, "apps/pos"));
            return new MaterializedTree(root, c.Arg<string>());
        });
        Renderer.RenderAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<IReadOnlyDictionary<string, string>?>(), Arg.Any<CancellationToken>()).Returns(_ => ConfigMaps("api"));
        Resources.ApplyAsync(Arg.Any<ApplyRequest>(), Arg.Any<CancellationToken>()).Returns(c => Applied(c.Arg<ApplyRequest>(), ChangeAction.Created));
        var pruner = new Pruner(Resources, Loggers.CreateLogger<Pruner>());
        Reconciler = new GroupReconciler(Options, Store, Git, new RevisionVerifier(Git, Verifier), new RenderCache(Git, Renderer, "store-1"), Resources, pruner,
            new HealthChecker(Resources, Options.Retry, Time), Board, Time, Loggers.CreateLogger<GroupReconciler>());
        Remover = new GroupRemover(Store, pruner, Board, Time, Loggers.CreateLogger<GroupRemover>());
    }

    public AgentOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public IGitCache Git { get; } = Substitute.For<IGitCache>();

    /// <summary>Off (no trusted keys) unless a test turns it on and decides its verdicts.</summary>
    public ICommitVerifier Verifier { get; } = Substitute.For<ICommitVerifier>();

    public IManifestRenderer Renderer { get; } = Substitute.For<IManifestRenderer>();

    public IResourceManager Resources { get; } = Substitute.For<IResourceManager>();

    public RecordingLoggerProvider Logs { get; } = new();

    public ILoggerFactory Loggers { get; }

    public LiteAgentStore Store { get; }

    public StatusBoard Board { get; }

    public GroupReconciler Reconciler { get; }

    public GroupRemover Remover { get; }

    public IReadOnlyList<JournalEvent> Journal => Store.ReadJournal(0, 10_000);

    public GroupWorker Worker(string name = "pos") =>
        new(name, Reconciler, Remover, Options.Retry, Time, Loggers.CreateLogger<GroupWorker>());

    public AgentSupervisor Supervisor() => new(Options, Store, Reconciler, Remover, Time, Loggers);

    public static GroupTarget Target(string revision, string group = "pos") =>
        new(new DesiredGroup(group, "apps/pos", revision, "d"), 1, TimeSpan.FromMinutes(5));

    public DesiredMessage Desired(long generation, params (string Group, string Revision)[] groups) =>
        new(1, "store-1", generation, new SourceRef("file:///fleet", "main"), groups.Select(g => new DesiredGroup(g.Group, "apps/pos", g.Revision, "d")).ToList(), 300, Time.GetUtcNow());

    public static IReadOnlyList<JsonObject> ConfigMaps(params string[] names) =>
        names.Select(n => JsonNode.Parse($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{n}}}","namespace":"pos"},"data":{"k":"v"}}""")!.AsObject()).ToList();

    /// <summary>A live object as the API server returns it: labelled with its group, so prune may delete it.</summary>
    public static JsonObject Owned(string group) => JsonNode.Parse($$$$"""{"metadata":{"labels":{"fleetops.io/group":"{{{{group}}}}"}}}""")!.AsObject();

    public static ApplyResult Applied(ApplyRequest request, ChangeAction action)
    {
        var changes = new ChangeSet();
        var live = new Dictionary<ObjectRef, JsonObject>();
        foreach (var o in request.Objects)
        {
            changes.Add(o.Ref, action);
            live[o.Ref] = o.Body;
        }
        return new ApplyResult(changes, live);
    }

    public void Dispose()
    {
        Store.Dispose();
        Loggers.Dispose();
        dir.Dispose();
    }
}
