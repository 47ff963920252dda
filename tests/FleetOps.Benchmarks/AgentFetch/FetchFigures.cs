using System.Globalization;

namespace FleetOps.Benchmarks.AgentFetch;

/// <summary>What one fetch by a store cost: bytes on the link each way, and the objects and pack bytes it wrote.</summary>
public sealed record FetchFigures(long BytesDown, long BytesUp, long Objects, long PackBytes, TimeSpan Wall)
{
    public double KibDown => BytesDown / 1024.0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{KibDown,10:N1} KiB down {BytesUp / 1024.0,7:N1} KiB up {Objects,7:N0} objects (pack {PackBytes / 1024.0:N1} KiB) {Wall.TotalSeconds,6:0.00} s");
}
