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
/// head the hub processed, so thousands of idle polls cost one ls-remote each.
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
    private readonly Channel<TaskCompletionSource<RefreshResult>> requests = Channel.CreateUnbounded<TaskCompletionSource<RefreshResult>>();

    /// <summary>Polls now and returns that poll's outcome (a poll already running finishes first).</summary>
    public async Task<RefreshResult> RefreshAsync(CancellationToken cancellationToken)
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
        while (!stoppingToken.IsCancellationRequested)
        {
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
