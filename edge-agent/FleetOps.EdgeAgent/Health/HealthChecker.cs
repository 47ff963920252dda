using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Health;

/// <summary>
/// Waits until every object is healthy or the timeout passes. Polls with doubling delays on the
/// injected clock (between <see cref="RetryOptions.MinHealthPoll"/> and <see cref="RetryOptions.MaxHealthPoll"/>)
/// and re-reads only the objects still unhealthy, so a slow rollout costs few API calls.
/// </summary>
public sealed class HealthChecker(IResourceManager resources, RetryOptions retry, TimeProvider time)
{
    public async Task<HealthReport> WaitAsync(
        IReadOnlyList<ObjectRef> objects,
        IReadOnlyDictionary<ObjectRef, JsonObject> live,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var results = new Dictionary<ObjectRef, ObjectHealth>();
        foreach (var o in objects)
            results[o] = live.TryGetValue(o, out var l) ? HealthRules.Evaluate(l) : ObjectHealth.InProgress("not read yet");

        var delay = retry.MinHealthPoll;
        while (true)
        {
            var pending = objects.Where(o => results[o].State == HealthState.InProgress).ToList();
            if (pending.Count == 0 || time.GetUtcNow() >= deadline)
                break;
            var wait = TimeSpan.FromTicks(Math.Min(delay.Ticks, (deadline - time.GetUtcNow()).Ticks));
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, retry.MaxHealthPoll.Ticks));
            foreach (var o in pending)
            {
                try
                {
                    var current = await resources.GetAsync(o, cancellationToken).ConfigureAwait(false);
                    results[o] = current is null ? ObjectHealth.InProgress("object does not exist") : HealthRules.Evaluate(current);
                }
                catch (Exception e) when (e is KubeApiException or HttpRequestException)
                {
                    // The API server may come back before the timeout; until then the object's health is unknown.
                    results[o] = ObjectHealth.InProgress($"cannot read it: {e.Message}");
                }
            }
        }
        return Report(objects, results);
    }

    private static HealthReport Report(IReadOnlyList<ObjectRef> objects, Dictionary<ObjectRef, ObjectHealth> results)
    {
        var unhealthy = objects.Where(o => !results[o].IsHealthy).ToList();
        return new HealthReport(
            objects.Count,
            objects.Count - unhealthy.Count,
            unhealthy.Take(GroupStatus.MaxUnhealthyListed).Select(o => new UnhealthyObject(o.Subject, results[o].Message)).ToList(),
            unhealthy.Count,
            results.ToDictionary(r => r.Key, r => r.Value.State));
    }
}
