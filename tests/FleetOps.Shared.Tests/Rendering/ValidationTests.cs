using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

public sealed class ValidationTests
{
    private static readonly string Invalid = TestData.PathOf("render", "invalid");
    private static readonly Renderer Renderer = new(RenderOptions.Default with { SearchPath = "" }, TimeProvider.System);

    public static TheoryData<string, RenderErrorKind, string> Rejections => new()
    {
        { "missing-apiversion", RenderErrorKind.InvalidObject, "missing-apiversion/configmap.yaml:2: ConfigMap 'orphan': apiVersion is missing" },
        { "missing-kind", RenderErrorKind.InvalidObject, "missing-kind/thing.yaml:1: object 'kindless': kind is missing" },
        { "missing-name", RenderErrorKind.InvalidObject, "missing-name/deploy.yaml:7: Deployment: metadata.name is missing" },
        { "numeric-name", RenderErrorKind.InvalidObject, "numeric-name/configmap.yaml:4: ConfigMap: metadata.name must be text, not the number 42 (quote it: \"42\")" },
        { "generate-name", RenderErrorKind.InvalidObject, "generate-name/job.yaml:1: Job: metadata.name is missing (metadata.generateName is not supported" },
        { "duplicate", RenderErrorKind.DuplicateObject, "duplicate/b.yaml:6: ConfigMap/pos/settings is defined twice (first at duplicate/a.yaml:1)" },
        { "not-a-mapping", RenderErrorKind.InvalidObject, "not-a-mapping/list.yaml:1: document is a list, not a Kubernetes object" },
        { "bad-yaml", RenderErrorKind.InvalidYaml, "bad-yaml/broken.yaml:6: invalid YAML:" },
        { "duplicate-key", RenderErrorKind.InvalidYaml, "duplicate-key/configmap.yaml:7: key 'mode' appears twice in one mapping (first on line 6)" },
        { "not-a-number", RenderErrorKind.InvalidYaml, "not-a-number/probe.yaml:6: '.nan' is not a number JSON can carry; quote it to keep it as text" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task InvalidManifestIsRejectedWithFileLineAndObject(string folder, RenderErrorKind kind, string expected)
    {
        var error = RenderAssert.Fails(await Renderer.RenderAsync(Invalid, folder), kind);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task EveryProblemOfARenderIsReportedNotJustTheFirst()
    {
        var error = RenderAssert.Fails(await Renderer.RenderAsync(Invalid, "."), RenderErrorKind.InvalidYaml);

        foreach (var row in Rejections)
            Assert.Contains((string)row[2], error.Message);
    }

    [Fact]
    public async Task SameNameInAnotherGroupOrNamespaceIsNotADuplicate()
    {
        using var repository = new TempRepository();
        repository.Write("app/objects.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: pos}
            ---
            apiVersion: example.com/v1
            kind: Ingress
            metadata: {name: web, namespace: pos}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: kiosk}
            """);

        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "app"));

        Assert.Equal(3, set.Objects.Length);
    }

    [Fact]
    public async Task SameObjectInAnotherVersionOfItsGroupIsADuplicate()
    {
        using var repository = new TempRepository();
        repository.Write("app/objects.yaml", """
            apiVersion: autoscaling/v1
            kind: HorizontalPodAutoscaler
            metadata: {name: api, namespace: pos}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: api, namespace: pos}
            """);

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "app"), RenderErrorKind.DuplicateObject);

        Assert.Contains("app/objects.yaml:5: HorizontalPodAutoscaler/pos/api is defined twice (first at app/objects.yaml:1)", error.Message);
    }

    [Fact]
    public async Task MissingPathIsRejectedWithASuggestion()
    {
        var error = RenderAssert.Fails(await Renderer.RenderAsync(TestData.PathOf("render", "kustomize"), "overlays/est"), RenderErrorKind.InvalidPath);

        Assert.Equal("group path 'overlays/est' does not exist in the repository: there is no folder 'overlays/est' (did you mean 'overlays/east'?)", error.Message);
    }

    [Theory]
    [InlineData("../plain", "contains '..'")]
    [InlineData("apps/../../plain", "contains '..'")]
    [InlineData("/etc", "is absolute")]
    [InlineData("apps\\till", "separate folders with '/'")]
    [InlineData("", "group path is empty")]
    public async Task PathThatCouldLeaveTheRepositoryIsRejected(string path, string expected)
    {
        var error = RenderAssert.Fails(await Renderer.RenderAsync(TestData.PathOf("render", "plain"), path), RenderErrorKind.InvalidPath);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task PathNamingAFileIsRejected()
    {
        var error = RenderAssert.Fails(await Renderer.RenderAsync(TestData.PathOf("render", "plain"), "apps/till/list.yml"), RenderErrorKind.InvalidPath);

        Assert.Contains("'apps/till/list.yml' is a file; a group path names a folder", error.Message);
    }

    [Fact]
    public async Task SymbolicLinkLeavingTheRepositoryIsRejectedAsAGroupPath()
    {
        using var outside = new TempRepository();
        outside.Write("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: stolen}\n");
        using var repository = new TempRepository();
        Directory.CreateDirectory(repository.Path("apps"));
        Directory.CreateSymbolicLink(repository.Path("apps/escape"), outside.Root);

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "apps/escape"), RenderErrorKind.InvalidPath);

        Assert.Equal("group path 'apps/escape' leaves the repository through the symbolic link 'apps/escape': FleetOps renders only what is inside the repository", error.Message);
    }

    [Fact]
    public async Task SymbolicLinkLeavingTheRepositoryIsRejectedInsideAPlainFolder()
    {
        using var outside = new TempRepository();
        var secret = outside.Write("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: stolen}\n");
        using var repository = new TempRepository();
        repository.Write("apps/ok.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ok}\n");
        File.CreateSymbolicLink(repository.Path("apps/stolen.yaml"), secret);
        Directory.CreateSymbolicLink(repository.Path("apps/more"), outside.Root);

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "apps"), RenderErrorKind.InvalidPath);

        Assert.Contains("apps/stolen.yaml is a symbolic link that leads outside the repository", error.Message);
        Assert.Contains("apps/more is a symbolic link that leads outside the repository", error.Message);
        Assert.DoesNotContain("Secret", error.Message);
    }

    [Fact]
    public async Task MissingRepositoryFolderIsAnErrorNotAnException()
    {
        var error = RenderAssert.Fails(await Renderer.RenderAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), "apps"), RenderErrorKind.InvalidPath);

        Assert.Contains("does not exist", error.Message);
    }
}
