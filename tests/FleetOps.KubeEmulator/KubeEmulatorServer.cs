using System.Collections.Concurrent;
using System.Net;
using FleetOps.KubeEmulator.Http;
using FleetOps.KubeEmulator.Simulation;
using FleetOps.KubeEmulator.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.KubeEmulator;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 that hosts many emulated clusters, each under
/// <c>/clusters/{name}</c>. Start it, ask it for clusters, point KubernetesClient or kubectl at them.
/// </summary>
public sealed class KubeEmulatorServer(KubeEmulatorOptions? options = null) : IAsyncDisposable
{
    private readonly KubeEmulatorOptions options = options ?? KubeEmulatorOptions.Default;
    private readonly ConcurrentDictionary<string, EmulatedCluster> clusters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private WakeScheduler? scheduler;
    private WebApplication? app;
    private Uri? baseAddress;

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException("Call StartAsync before using the server.");

    public KubeEmulatorOptions Options => options;

    public IReadOnlyCollection<EmulatedCluster> Clusters => [.. clusters.Values];

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
            throw new InvalidOperationException("The server is already started.");

        scheduler = new WakeScheduler(options.TimeProvider);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        app = builder.Build();
        var handler = new ApiHandler(name => Find(name)?.State, options, stopping.Token);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        baseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>The cluster called <paramref name="name"/>, created on first use (a DNS label, e.g. <c>store-0001</c>).</summary>
    public EmulatedCluster Cluster(string name)
    {
        if (Validation.Names.CheckDns1123Label(name) is { } problem)
            throw new ArgumentException($"cluster name \"{name}\": {problem}", nameof(name));

        return clusters.GetOrAdd(name, n => new EmulatedCluster(this, new ClusterState(n, options, Scheduler)));
    }

    public bool TryGetCluster(string name, out EmulatedCluster cluster) => clusters.TryGetValue(name, out cluster!);

    /// <summary>Forgets a cluster and everything in it; its open watches end.</summary>
    public bool RemoveCluster(string name)
    {
        if (!clusters.TryRemove(name, out var cluster))
            return false;

        cluster.State.CloseWatches();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var cluster in clusters.Values)
            cluster.State.CloseWatches();

        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        scheduler?.Dispose();
        stopping.Dispose();
    }

    private WakeScheduler Scheduler => scheduler ?? throw new InvalidOperationException("Call StartAsync before creating clusters.");

    private EmulatedCluster? Find(string name)
    {
        if (clusters.TryGetValue(name, out var cluster))
            return cluster;

        return options.CreateClustersOnRequest && Validation.Names.CheckDns1123Label(name) is null ? Cluster(name) : null;
    }
}
