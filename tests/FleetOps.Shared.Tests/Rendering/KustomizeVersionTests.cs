using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

/// <summary>
/// The renderer a fresh machine really has: Debian 12's kubectl is 1.20, whose kustomize v2 misreads the fleet's
/// overlays; hub and agent tell its version and pass over one too old, with a message naming what is needed.
/// </summary>
public sealed class KustomizeVersionTests
{
    private static readonly string Repository = TestData.PathOf("render", "kustomize");

    private static string Output(string name) => TestData.Read("render", "versions", name);

    [Theory]
    [InlineData("kubectl-1.20.txt", false, "kubectl v1.20.15", "2.0.3", false)]
    [InlineData("kubectl-1.26.txt", false, "kubectl v1.26.15", "4.5.7", false)]
    [InlineData("kubectl-1.32.txt", false, "kubectl v1.32.4", "5.5.0", true)]
    [InlineData("k3s-1.30.txt", false, "kubectl v1.30.4", "5.0.4", true)]
    [InlineData("kustomize-5.txt", true, null, "5.4.3", true)]
    [InlineData("kustomize-4.txt", true, null, "4.5.7", false)]
    public void VersionOutputsOfEveryToolAreRead(string file, bool isKustomize, string? tool, string kustomize, bool supported)
    {
        var version = KustomizeVersion.Parse(Output(file), isKustomize);

        Assert.Equal(tool, version.Tool);
        Assert.Equal(Version.Parse(kustomize), version.Kustomize);
        Assert.Equal(supported, version.IsSupported);
    }

    [Fact]
    public async Task AnOldKubectlOnThePathIsRefusedWithAMessageNamingTheMinimum()
    {
        using var tools = new TempRepository();
        tools.Script("old/kubectl", $"[ \"$1\" = version ] && cat '{TestData.PathOf("render", "versions", "kubectl-1.20.txt")}' && exit 0; exec /usr/bin/kubectl \"$@\"");
        var renderer = new Renderer(RenderOptions.Default with { SearchPath = tools.Path("old") }, TimeProvider.System);

        var detected = await renderer.DetectAsync();
        var error = RenderAssert.Fails(await renderer.RenderAsync(Repository, "overlays/east"), RenderErrorKind.ToolNotFound);

        Assert.False(detected.Usable);
        var expected = $"no kustomize tool is new enough: {tools.Path("old", "kubectl")} is kubectl v1.20.15 with kustomize v2.0.3. " +
            "FleetOps needs kustomize v5: kubectl 1.27 or newer (pkgs.k8s.io), a kustomize v5 release binary, or the 'k3s kubectl' a store already has";
        Assert.Equal(expected, detected.Problem);
        Assert.Equal($"overlays/east/kustomization.yaml: {expected}", error.Message);
        Assert.Equal($"none: {expected}", detected.Describe());
    }

    [Fact]
    public async Task AnOldKubectlIsPassedOverForANewerKustomizeToolFurtherOnThePath()
    {
        using var tools = new TempRepository();
        tools.Script("old/kubectl", $"cat '{TestData.PathOf("render", "versions", "kubectl-1.20.txt")}'");
        tools.Script("k3s-node/k3s", $"[ \"$2\" = version ] && cat '{TestData.PathOf("render", "versions", "k3s-1.30.txt")}' && exit 0; shift; exec /usr/bin/kubectl \"$@\"");
        var renderer = new Renderer(RenderOptions.Default with { SearchPath = string.Join(Path.PathSeparator, tools.Path("old"), tools.Path("k3s-node")) }, TimeProvider.System);

        var detected = await renderer.DetectAsync();
        var set = RenderAssert.Ok(await renderer.RenderAsync(Repository, "overlays/east"));

        Assert.Equal("k3s kubectl kustomize (kubectl v1.30.4, kustomize v5.0.4)", detected.Describe());
        Assert.Equal(tools.Path("k3s-node", "k3s"), detected.Tool!.Executable);
        Assert.Equal(3, set.Objects.Length);
    }

    [Fact]
    public async Task AConfiguredExecutableThatIsTooOldIsRefusedAndNotReplaced()
    {
        using var tools = new TempRepository();
        var old = tools.Script("bin/kustomize", $"cat '{TestData.PathOf("render", "versions", "kustomize-4.txt")}'");

        var detected = await KustomizeLocator.LocateAsync(old, searchPath: null);

        Assert.Null(detected.Tool);
        Assert.StartsWith($"the configured kustomize executable '{old}' is kustomize v4.5.7, too old. FleetOps needs kustomize v5", detected.Problem);
    }

    [Fact]
    public async Task TheKubectlOnThisMachineIsDetectedWithItsVersion()
    {
        var detected = await Renderer.Default.DetectAsync();

        Assert.True(detected.Usable, detected.Problem);
        Assert.Matches(@"^(kustomize build|kubectl kustomize|k3s kubectl kustomize) \(.*kustomize v\d+\.\d+\.\d+\)$", detected.Describe());
    }
}
