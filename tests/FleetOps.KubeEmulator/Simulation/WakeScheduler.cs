namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// One timer for the whole server that wakes clusters whose simulated controllers have work due, so idle
/// clusters cost nothing and hundreds of clusters share a single timer.
/// </summary>
internal sealed class WakeScheduler : IDisposable
{
    private readonly Lock gate = new();
    private readonly PriorityQueue<Action<DateTimeOffset>, DateTimeOffset> queue = new();
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private DateTimeOffset? armedFor;
    private bool disposed;

    public WakeScheduler(TimeProvider time)
    {
        this.time = time;
        timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Calls <paramref name="wake"/> (with the current time) once <paramref name="due"/> has passed.</summary>
    public void Wake(DateTimeOffset due, Action<DateTimeOffset> wake)
    {
        lock (gate)
        {
            if (disposed)
                return;

            queue.Enqueue(wake, due);
            Arm();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            queue.Clear();
        }

        timer.Dispose();
    }

    private void Fire()
    {
        var now = time.GetUtcNow();
        var ready = new List<Action<DateTimeOffset>>();
        lock (gate)
        {
            armedFor = null;
            while (queue.TryPeek(out var wake, out var due) && due <= now)
            {
                queue.Dequeue();
                ready.Add(wake);
            }
        }

        foreach (var wake in ready)
            wake(now);

        lock (gate)
        {
            if (!disposed)
                Arm();
        }
    }

    private void Arm()
    {
        if (!queue.TryPeek(out _, out var next) || (armedFor is { } armed && armed <= next))
            return;

        armedFor = next;
        var wait = next - time.GetUtcNow();
        timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
