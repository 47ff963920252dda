using FleetOps.Shared.Rendering;

namespace FleetOps.Shared.Tests.Rendering;

internal static class RenderAssert
{
    public static RenderedSet Ok(RenderResult result)
    {
        Assert.True(result.IsOk, result.Error?.ToString());
        return result.Set;
    }

    public static RenderError Fails(RenderResult result, RenderErrorKind kind)
    {
        Assert.False(result.IsOk, "expected the render to fail");
        Assert.True(kind == result.Error.Kind, $"expected {kind}, got {result.Error}");
        return result.Error;
    }

    public static RenderedObject Single(RenderedSet set, string subject) =>
        Assert.Single(set.Objects, o => o.Subject == subject);

    /// <summary>The raw JSON at a dotted path, e.g. "spec.replicas".</summary>
    public static string Raw(RenderedObject o, string path)
    {
        var current = o.Content;
        foreach (var part in path.Split('.'))
            current = int.TryParse(part, out var index) ? current[index] : current.GetProperty(part);
        return current.GetRawText();
    }
}
