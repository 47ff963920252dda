using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// Keeps one <see cref="GroupWorker"/> per group in the desired state, and one per group that left it
/// (until its objects are pruned). Groups run independently: one slow or failing group delays no other.
/// </summary>
public sealed class AgentSupervisor(
    AgentOptions options,
    IAgentStore store,
    GroupReconciler reconciler,
    GroupRemover remover,
    TimeProvider time,
    ILoggerFactory loggers) : IDesiredStateListener
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (GroupWorker Worker, Task Loop)> workers = new(StringComparer.Ordinal);
    private readonly ILogger logger = loggers.CreateLogger<AgentSupervisor>();
    private CancellationTokenSource? stopping;

    /// <summary>The groups the supervisor holds a worker for (reconciling, or removing until pruned); the tests check it.</summary>
    internal IReadOnlyList<string> Groups
    {
        get
        {
            lock (gate)
                return workers.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Resumes from the stored desired state (if any) and the stored groups.</summary>
    public void Start()
    {
        lock (gate)
            stopping = new CancellationTokenSource();
        if (store.LoadDesired() is { } desired)
            OnDesired(desired);
    }

    public void OnDesired(DesiredMessage desired)
    {
        var interval = desired.ReconcileIntervalSeconds > 0 ? TimeSpan.FromSeconds(desired.ReconcileIntervalSeconds) : options.ReconcileInterval;
        lock (gate)
        {
            if (stopping is null || stopping.IsCancellationRequested)
                return;
            var wanted = desired.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
            var labels = GroupTarget.Merge(options.Labels, desired.Labels);
            foreach (var g in desired.Groups)
                Send(g.Name, new GroupTarget(g, desired.Generation, interval, labels));
            // Leaving: groups with a live worker, and groups the store still holds (a removal a restart cut short).
            // A group whose removal is complete is in neither, so it costs nothing from then on.
            var leaving = store.LoadGroups().Select(r => r.Name).Concat(workers.Keys).Distinct(StringComparer.Ordinal).Where(n => !wanted.ContainsKey(n)).ToList();
            foreach (var name in leaving)
                Send(name, null);
        }
    }

    public async Task StopAsync()
    {
        Task[] loops;
        lock (gate)
        {
            stopping?.Cancel();
            loops = workers.Values.Select(w => w.Loop).ToArray();
        }
        await Task.WhenAll(loops).ConfigureAwait(false);
        lock (gate)
            workers.Clear();
    }

    // Hands the update to the group's worker, or to a new one when there is none or its loop has ended.
    private void Send(string name, GroupTarget? next)
    {
        if (workers.TryGetValue(name, out var existing) && existing.Worker.Update(next))
            return;
        var worker = new GroupWorker(name, reconciler, remover, options.Retry, time, logger);
        worker.Update(next);
        var token = stopping!.Token;
        var loop = Task.Run(async () =>
        {
            try
            {
                await worker.RunAsync(token).ConfigureAwait(false);
            }
            finally
            {
                Forget(name, worker);
            }
        }, CancellationToken.None);
        workers[name] = (worker, loop);
    }

    // Drops a worker whose loop ended (a completed removal, or stop); Send holds the lock until it has recorded the worker.
    private void Forget(string name, GroupWorker worker)
    {
        lock (gate)
        {
            if (workers.TryGetValue(name, out var held) && held.Worker == worker)
                workers.Remove(name);
        }
    }
}
