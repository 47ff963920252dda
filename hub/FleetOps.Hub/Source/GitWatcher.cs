using System.Diagnostics;
using System.Threading.Channels;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Metrics;
using FleetOps.Shared.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Source;

/// <summary>
/// Polls the fleet-config repository every interval plus jitter, or at once on <see cref="RefreshAsync"/>.
/// Each poll asks the remote for the branch head first and fetches only when it moved past the last
/// head the hub processed, so thousands of idle polls cost one ls-remote each. With several silos only one polls:
/// the one the <see cref="ISourceWatchGrain"/> lives on (<see cref="Lead"/>); every silo pings that grain so the
/// watch moves to a survivor when its silo is lost, and a refresh from any silo's API is polled there.
/// </summary>
internal sealed class GitWatcher(
    IGitMirror mirror,
    CommitProcessor processor,
    IGrainFactory grains,
    HubReadiness readiness,
    IOptions<SourceOptions> options,
    SourceActivity activity,
    HubMetrics metrics,
    TimeProvider time,
    ILogger<GitWatcher> logger) : BackgroundService
{
    /// <summary>How often each silo makes sure some silo watches (a lost silo's watch moves within this).</summary>
    private static readonly TimeSpan WatchPing = TimeSpan.FromSeconds(5);

    private readonly Channel<TaskCompletionSource<RefreshResult>> requests = Channel.CreateUnbounded<TaskCompletionSource<RefreshResult>>();
    private volatile TaskCompletionSource leading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>This silo is the cluster's watcher now (the watch grain activated here).</summary>
    public void Lead() => leading.TrySetResult();

    /// <summary>This silo no longer watches (the watch grain left it); the current poll, if any, still finishes.</summary>
    public void Follow()
    {
        if (leading.Task.IsCompleted)
            leading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Polls now on the watching silo, whichever it is, and returns that poll's outcome.</summary>
    public Task<RefreshResult> RefreshAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<ISourceWatchGrain>(ISourceWatchGrain.Key).RefreshAsync().WaitAsync(cancellationToken);

    /// <summary>Polls now on this silo and returns that poll's outcome (a poll already running finishes first).</summary>
    public async Task<RefreshResult> RefreshHereAsync(CancellationToken cancellationToken)
    {
        var request = new TaskCompletionSource<RefreshResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await requests.Writer.WriteAsync(request, cancellationToken);
        return await request.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Url))
        {
            logger.LogWarning("No fleet-config repository configured (Hub:Source:Url); the git watcher is off");
            await foreach (var request in requests.Reader.ReadAllAsync(stoppingToken))
                request.TrySetResult(new RefreshResult(null, false, [], []));
            return;
        }
        await readiness.WaitAsync(stoppingToken);
        var pings = KeepWatchedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Requests reach only the watching silo (through the grain), so a silo that does not lead just waits.
            if (!leading.Task.IsCompleted)
                await Task.WhenAny(leading.Task, requests.Reader.WaitToReadAsync(stoppingToken).AsTask());
            stoppingToken.ThrowIfCancellationRequested();
            var waiting = new List<TaskCompletionSource<RefreshResult>>();
            while (requests.Reader.TryRead(out var request))
                waiting.Add(request);

            var result = await PollAsync(stoppingToken);
            foreach (var request in waiting)
                request.TrySetResult(result);

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = options.Value.PollInterval + options.Value.PollJitter * Random.Shared.NextDouble();
            var timer = Task.Delay(delay, time, wake.Token);
            var asked = requests.Reader.WaitToReadAsync(wake.Token).AsTask();
            await Task.WhenAny(timer, asked);
            await wake.CancelAsync();
        }
        await pings;
    }

    /// <summary>Pings the watch grain now and then, so some silo always watches (this one, if no other does).</summary>
    private async Task KeepWatchedAsync(CancellationToken stoppingToken)
    {
        var watch = grains.GetGrain<ISourceWatchGrain>(ISourceWatchGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await watch.PingAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug("Could not reach the repository watch grain ({Error}); trying again", e.Message);
            }
            await Task.Delay(WatchPing, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<RefreshResult> PollAsync(CancellationToken cancellationToken)
    {
        var fleet = grains.GetGrain<IFleetGrain>(IFleetGrain.Key);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var lastHead = (await fleet.GetStatusAsync()).LastHead;
            // Git is synchronous; keep it off the thread pool threads that serve requests and grains.
            var head = await Task.Factory.StartNew(() =>
            {
                var remote = mirror.RemoteHead();
                return remote is not null && remote == lastHead && mirror.HasCommit(remote) ? remote : mirror.Fetch();
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.GitFetch(elapsed);
            activity.LastFetchAt = time.GetUtcNow();
            activity.LastFetchSeconds = elapsed.TotalSeconds;
            await fleet.RecordSourceErrorAsync(null);

            if (head == lastHead)
            {
                var status = await fleet.GetStatusAsync();
                return new RefreshResult(head, false, [], status.Errors, HeadRefusals.Groups(status, head));
            }
            return await processor.ProcessAsync(head, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogWarning("Polling {Url} ({Branch}) failed: {Error}", options.Value.Url, options.Value.Branch, e.Message);
            var error = new FleetError(FleetErrorKinds.Source, $"cannot fetch {options.Value.Url} ({options.Value.Branch}): {e.Message}", null, null, null, time.GetUtcNow());
            await fleet.RecordSourceErrorAsync(error);
            return new RefreshResult(null, false, [], [error]);
        }
    }
}
