using System.Diagnostics;
using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

/// <summary>Builds through the real <c>kubectl kustomize</c> found on PATH, and through stand-in scripts for failure modes.</summary>
public sealed class KustomizeRenderTests
{
    private static readonly string Repository = TestData.PathOf("render", "kustomize");

    [Fact]
    public async Task OverlayRendersThroughKustomizeWithItsPatchAndLabels()
    {
        var set = RenderAssert.Ok(await Renderer.Default.RenderAsync(Repository, "overlays/east"));

        Assert.Equal(RenderMode.Kustomize, set.Mode);
        Assert.Equal(["Namespace/pos", "ConfigMap/pos/settings", "Deployment/pos/api"], set.Objects.Select(o => o.Subject));
        var api = RenderAssert.Single(set, "Deployment/pos/api");
        Assert.Equal("3", RenderAssert.Raw(api, "spec.replicas"));
        Assert.Equal("\"east\"", RenderAssert.Raw(api, "metadata.labels.region"));
        Assert.Equal("pos", api.Content.GetProperty("metadata").GetProperty("labels").GetProperty("app.kubernetes.io/part-of").GetString());
        Assert.Equal(new ObjectSource("overlays/east/kustomization.yaml", 2, null), api.Source);
        Assert.Equal("overlays/east/kustomization.yaml (output document 3)", api.Source.ToString());
    }

    [Fact]
    public async Task KustomizeOutputTakesClusterVariablesLikePlainYaml()
    {
        var set = RenderAssert.Ok(await Renderer.Default.RenderAsync(Repository, "overlays/east"));

        var substituted = RenderAssert.Ok(ClusterVariables.Substitute(set, "store-0042", new Dictionary<string, string>()));

        var settings = RenderAssert.Single(substituted, "ConfigMap/pos/settings");
        Assert.Equal("\"store-0042\"", RenderAssert.Raw(settings, "data.store"));
        Assert.Equal("\"none\"", RenderAssert.Raw(settings, "data.region"));
        Assert.Equal("\"4\"", RenderAssert.Raw(settings, "data.tillCount"));
    }

    [Fact]
    public async Task OverlayWithAMissingResourceFailsWithKustomizesMessage()
    {
        var error = RenderAssert.Fails(await Renderer.Default.RenderAsync(Repository, "overlays/missing-resource"), RenderErrorKind.KustomizeFailed);

        Assert.StartsWith("overlays/missing-resource/kustomization.yaml: kubectl kustomize failed (exit code 1):", error.Message);
        Assert.Contains("overlays/missing-resource/printers.yaml", error.Message);
        Assert.Contains("no such file or directory", error.Message);
        Assert.DoesNotContain(Repository, error.Message);
    }

    [Fact]
    public async Task OverlayPatchingAMissingObjectFailsWithKustomizesMessage()
    {
        var error = RenderAssert.Fails(await Renderer.Default.RenderAsync(Repository, "overlays/bad-patch"), RenderErrorKind.KustomizeFailed);

        Assert.Contains("no resource matches strategic merge patch \"Deployment.v1.apps/checkout.pos\"", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public async Task NoToolOnTheSearchPathGivesAClearError()
    {
        using var empty = new TempRepository();
        var renderer = new Renderer(RenderOptions.Default with { SearchPath = empty.Root }, TimeProvider.System);

        var error = RenderAssert.Fails(await renderer.RenderAsync(Repository, "overlays/east"), RenderErrorKind.ToolNotFound);

        Assert.Contains("overlays/east/kustomization.yaml: no kustomize tool found: looked for 'kustomize', 'kubectl' and 'k3s'", error.Message);
        Assert.Contains(empty.Root, error.Message);
        // Not Debian's kubernetes-client: it is kubectl 1.20, whose kustomize v2 cannot render the fleet's overlays.
        Assert.Contains("Install kubectl 1.27 or newer (pkgs.k8s.io; Debian's kubernetes-client is too old)", error.Message);
        Assert.DoesNotContain("apt-get install kubernetes-client", error.Message);
    }

    [Fact]
    public async Task ConfiguredExecutableThatDoesNotExistGivesAClearError()
    {
        var renderer = new Renderer(RenderOptions.Default with { KustomizeExecutable = "/opt/nowhere/kustomize" }, TimeProvider.System);

        var error = RenderAssert.Fails(await renderer.RenderAsync(Repository, "overlays/east"), RenderErrorKind.ToolNotFound);

        Assert.Contains("the configured kustomize executable '/opt/nowhere/kustomize' was not found", error.Message);
    }

    [Fact]
    public async Task ConfiguredExecutableIsUsedInsteadOfSearching()
    {
        using var tools = new TempRepository();
        var kubectl = tools.Script("bin/kubectl", "exec /usr/bin/kubectl \"$@\"");
        var renderer = new Renderer(RenderOptions.Default with { KustomizeExecutable = kubectl, SearchPath = "" }, TimeProvider.System);

        var set = RenderAssert.Ok(await renderer.RenderAsync(Repository, "overlays/east"));

        Assert.Equal(3, set.Objects.Length);
    }

    [Theory]
    [InlineData(new[] { "k3s" }, "k3s", "k3s kubectl kustomize")]
    [InlineData(new[] { "k3s", "kubectl" }, "kubectl", "kubectl kustomize")]
    [InlineData(new[] { "k3s", "kubectl", "kustomize" }, "kustomize", "kustomize build")]
    public void LocatorPrefersKustomizeThenKubectlThenK3s(string[] installed, string chosen, string command)
    {
        using var tools = new TempRepository();
        foreach (var name in installed)
            tools.Script($"bin/{name}", "exit 0");
        // Neither a relative search folder nor a file without execute permission may be picked.
        tools.Write("other/kustomize", "not executable");
        var searchPath = string.Join(Path.PathSeparator, "relative/dir", tools.Path("other"), tools.Path("bin"));

        Assert.True(KustomizeTool.TryLocate(null, searchPath, out var tool, out var error), error);
        Assert.Equal(tools.Path("bin", chosen), tool.Executable);
        Assert.Equal(command, tool.ToString());
    }

    [Fact]
    public async Task FailingToolOutputIsTrimmedToItsFirstLines()
    {
        using var tools = new TempRepository();
        var kustomize = tools.Script("bin/kustomize", "i=1; while [ $i -le 50 ]; do echo \"Error: line $i in $PWD\" >&2; i=$((i+1)); done; exit 1");
        var renderer = new Renderer(RenderOptions.Default with { KustomizeExecutable = kustomize, MaxErrorLines = 20 }, TimeProvider.System);

        var error = RenderAssert.Fails(await renderer.RenderAsync(Repository, "overlays/east"), RenderErrorKind.KustomizeFailed);

        var lines = error.Message.Split('\n');
        Assert.Equal("overlays/east/kustomization.yaml: kustomize build failed (exit code 1):", lines[0]);
        Assert.Equal("Error: line 1 in overlays/east", lines[1]);
        Assert.Equal("Error: line 20 in overlays/east", lines[20]);
        Assert.Equal("... (30 more lines)", lines[21]);
        Assert.Equal(22, lines.Length);
    }

    [Fact]
    public async Task LargeOutputOnBothStreamsDoesNotDeadlock()
    {
        using var tools = new TempRepository();
        // 2 MiB to each stream, far beyond a pipe buffer, stderr first.
        var kustomize = tools.Script("bin/kustomize", "head -c 2097152 /dev/zero | tr '\\0' 'e' >&2; head -c 2097152 /dev/zero | tr '\\0' 'o'; exit 3");
        var renderer = new Renderer(RenderOptions.Default with { KustomizeExecutable = kustomize, KustomizeTimeout = TimeSpan.FromSeconds(60) }, TimeProvider.System);

        var error = RenderAssert.Fails(await renderer.RenderAsync(Repository, "overlays/east"), RenderErrorKind.KustomizeFailed);

        Assert.Contains("exit code 3", error.Message);
    }

    [Fact]
    public async Task ToolRunningPastTheTimeoutIsKilledWithItsChildren()
    {
        using var tools = new TempRepository();
        var pidFile = tools.Path("child.pid");
        var kustomize = tools.Script("bin/kustomize", $"sleep 300 & echo $! > '{pidFile}'; wait");
        var renderer = new Renderer(RenderOptions.Default with { KustomizeExecutable = kustomize, KustomizeTimeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System);

        var error = RenderAssert.Fails(await renderer.RenderAsync(Repository, "overlays/east"), RenderErrorKind.TimedOut);

        Assert.Contains("did not finish within 0.5 s and was stopped", error.Message);
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.True(await Eventually(() => !IsRunning(child)), $"child process {child} outlived the timeout");
    }

    [Fact]
    public async Task CancellationStopsTheToolAndThrows()
    {
        using var tools = new TempRepository();
        var kustomize = tools.Script("bin/kustomize", "exec sleep 300");
        var renderer = new Renderer(RenderOptions.Default with { KustomizeExecutable = kustomize }, TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var started = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => renderer.RenderAsync(Repository, "overlays/east", cancel.Token));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30));
    }

    private static bool IsRunning(int pid)
    {
        // A killed child may linger as a zombie until reaped; only a live state counts.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return false;
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            await Task.Delay(20);
        }
        return condition();
    }
}
