namespace FleetOps.KubeEmulator.Storage;

/// <summary>The most recent requests of one cluster plus running totals, for tests that assert on traffic.</summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Lock gate = new();
    private readonly Queue<KubeRequest> recent = new();
    private long total;
    private long writes;

    public long Total
    {
        get
        {
            lock (gate)
                return total;
        }
    }

    public long Writes
    {
        get
        {
            lock (gate)
                return writes;
        }
    }

    public void Add(KubeRequest request)
    {
        lock (gate)
        {
            total++;
            if (request.IsWrite)
                writes++;

            if (capacity <= 0)
                return;

            recent.Enqueue(request);
            if (recent.Count > capacity)
                recent.Dequeue();
        }
    }

    public IReadOnlyList<KubeRequest> Snapshot()
    {
        lock (gate)
            return [.. recent];
    }

    public void Clear()
    {
        lock (gate)
        {
            recent.Clear();
            total = 0;
            writes = 0;
        }
    }
}
