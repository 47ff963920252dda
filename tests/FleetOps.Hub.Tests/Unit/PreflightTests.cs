using FleetOps.Hub.Source;
using FleetOps.Shared.Rendering;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>
/// The hub's preflight through the renderer it runs in production: plain YAML folders from testdata, each a group
/// path, rendered and then checked as a store's API server would check them.
/// </summary>
public sealed class PreflightTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdata", "preflight");

    private static Task<RenderOutcome> RenderAsync(string folder) =>
        new SharedGroupRenderer(Renderer.Default).RenderAsync(Root, folder, CancellationToken.None);

    private static void Mentions(RenderOutcome outcome, string text) =>
        Assert.True(outcome.Error?.Contains(text, StringComparison.Ordinal) == true, $"expected \"{text}\" in: {outcome.Error}");

    [Fact]
    public async Task ValuesTheServerRewritesAndClusterVariablesPass()
    {
        var outcome = await RenderAsync("valid-with-variables");

        Assert.True(outcome.IsOk, outcome.Error);
        Assert.Equal(2, outcome.Objects);
    }

    [Fact]
    public async Task AWrongTypeAndAnUnknownFieldRefuseTheGroupNamingObjectAndField()
    {
        var outcome = await RenderAsync("wrong-types");

        Assert.False(outcome.IsOk);
        Assert.StartsWith("preflight: no store could apply 2 problems: ", outcome.Error);
        Mentions(outcome, "Deployment/pos/pos: .spec.replicas: expected numeric (int or float), got string");
        Mentions(outcome, "Service/pos/pos: .spec.sessionAfinity: field not declared in schema");
    }

    [Fact]
    public async Task ACustomResourceIsCheckedAgainstTheDefinitionInTheSameRender()
    {
        var outcome = await RenderAsync("crd-defaults-invalid");

        Assert.False(outcome.IsOk);
        Mentions(outcome, "Menu/pos/lunch: spec.items");
        Mentions(outcome, "Menu/pos/lunch: spec.currency");
        Assert.False(outcome.Error!.Contains("CustomResourceDefinition", StringComparison.Ordinal), outcome.Error);
    }

    [Fact]
    public async Task ManyProblemsAreCountedAfterTheFirstFew()
    {
        var outcome = await RenderAsync("many");

        Assert.False(outcome.IsOk);
        Assert.StartsWith("preflight: no store could apply 8 problems: ConfigMap/pos/cm-0: ", outcome.Error);
        Assert.EndsWith($"(and {8 - Preflight.Shown} more)", outcome.Error);
        Assert.False(outcome.Error!.Contains("cm-7", StringComparison.Ordinal), outcome.Error);
    }
}
