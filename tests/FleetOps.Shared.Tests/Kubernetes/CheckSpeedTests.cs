using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;
using Xunit.Abstractions;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>The hub checks every rendered object of every group on each commit: 1,000 objects must take milliseconds.</summary>
public sealed class CheckSpeedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AThousandObjectsAreCheckedInMilliseconds()
    {
        var samples = (await SchemaFixtures.All("rules")).Concat(await SchemaFixtures.All("normalize")).ToList();
        var objects = Enumerable.Range(0, 1000).Select(i => JsonNode.Parse(samples[i % samples.Count].ToJsonString())!.AsObject()).ToList();
        foreach (var obj in objects)
            _ = KubernetesSchema.Check(obj).Normalized;

        var check = Stopwatch.StartNew();
        var errors = objects.Sum(o => KubernetesSchema.Check(o).Errors.Count);
        check.Stop();
        var normalize = Stopwatch.StartNew();
        var fields = objects.Sum(o => KubernetesSchema.Check(o).Normalized.Count);
        normalize.Stop();

        output.WriteLine($"1,000 objects: check {check.Elapsed.TotalMilliseconds:F1} ms, check and normalize {normalize.Elapsed.TotalMilliseconds:F1} ms");
        Assert.True(errors > 0 && fields > 0, "the sample holds invalid objects and every normalized object has fields");
        // Generous, so a loaded CI machine does not fail it; the figure printed above is the one to watch.
        Assert.True(check.Elapsed < TimeSpan.FromSeconds(1), $"checking 1,000 objects took {check.Elapsed.TotalMilliseconds:F0} ms");
    }
}
