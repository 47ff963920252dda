using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

public sealed class PlainYamlRenderTests
{
    private static readonly string Repository = TestData.PathOf("render", "plain");

    // No tool on the search path: plain folders must not need one.
    private static readonly Renderer Renderer = new(RenderOptions.Default with { SearchPath = "" }, TimeProvider.System);

    [Fact]
    public async Task PlainFolderRendersEveryDocumentOfEveryFileInOrdinalPathOrder()
    {
        var set = RenderAssert.Ok(await Renderer.RenderAsync(Repository, "apps/till"));

        Assert.Equal(RenderMode.PlainYaml, set.Mode);
        Assert.Equal("apps/till", set.Path);
        Assert.Equal(
            [
                "Namespace/till",
                "ConfigMap/till/config",
                "Service/till/till",
                "ConfigMap/till/printers",
                "ConfigMap/till/scanners",
                "ServiceAccount/till/till",
                "Secret/till/till-token",
            ],
            set.Objects.Select(o => o.Subject));
    }

    [Fact]
    public async Task EachObjectNamesItsFileDocumentAndLine()
    {
        var set = RenderAssert.Ok(await Renderer.RenderAsync(Repository, "apps/till"));

        Assert.Equal(new ObjectSource("apps/till/10-namespace.yaml", 0, 3), RenderAssert.Single(set, "Namespace/till").Source);
        Assert.Equal(new ObjectSource("apps/till/20-app.yaml", 3, 12), RenderAssert.Single(set, "Service/till/till").Source);
        Assert.Equal(new ObjectSource("apps/till/list.yml", 0, 11), RenderAssert.Single(set, "ConfigMap/till/scanners").Source);
        Assert.Equal("apps/till/nested/deeper/secret.yaml:1", RenderAssert.Single(set, "Secret/till/till-token").Source.ToString());
    }

    [Fact]
    public async Task ListItemsBecomeObjectsOfTheirOwn()
    {
        var set = RenderAssert.Ok(await Renderer.RenderAsync(Repository, "apps/till"));

        Assert.DoesNotContain(set.Objects, o => o.Kind == "List");
        var printers = RenderAssert.Single(set, "ConfigMap/till/printers");
        Assert.Equal("\"tcp://10.0.0.20:9100\"", RenderAssert.Raw(printers, "data.receipt"));
    }

    [Fact]
    public async Task ObjectsExposeIdentityAndAPrivateJsonCopy()
    {
        var set = RenderAssert.Ok(await Renderer.RenderAsync(Repository, "apps/till"));
        var service = RenderAssert.Single(set, "Service/till/till");

        Assert.Equal(("v1", "Service", "till", "till", ""), (service.ApiVersion, service.Kind, service.Namespace, service.Name, service.Group));
        var copy = service.ToJsonObject();
        copy["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["fleetops.io/group"] = "till" };
        Assert.Equal(80, copy["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        Assert.False(service.Content.GetProperty("metadata").TryGetProperty("labels", out _));
        Assert.Null(RenderAssert.Single(set, "Namespace/till").Namespace);
    }

    [Fact]
    public async Task RenderingTwiceGivesTheSameObjectsInTheSameOrder()
    {
        var first = RenderAssert.Ok(await Renderer.RenderAsync(Repository, "apps/till"));
        var second = RenderAssert.Ok(await Renderer.RenderAsync(Repository, "apps/till/"));

        Assert.Equal(first.Objects.Select(o => o.Content.GetRawText()), second.Objects.Select(o => o.Content.GetRawText()));
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public async Task HiddenFilesAndFoldersAndOtherExtensionsAreNotRead()
    {
        using var repository = TempRepository.CopyOf("plain");
        repository.Write("apps/till/.github/workflow.yaml", "on: push\njobs: {}\n");
        repository.Write("apps/till/.hidden.yaml", "not: [a, manifest\n");
        repository.Write("apps/till/notes.txt", "kind: nothing\n");

        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "apps/till"));

        Assert.Equal(7, set.Objects.Length);
    }

    [Fact]
    public async Task EmptyFolderRendersAnEmptySet()
    {
        using var repository = new TempRepository();
        Directory.CreateDirectory(repository.Path("empty"));

        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "empty"));

        Assert.Empty(set.Objects);
    }

    [Fact]
    public async Task RootOfTheRepositoryIsNamedWithADot()
    {
        using var repository = new TempRepository();
        repository.Write("sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n");

        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "."));

        Assert.Equal(".", set.Path);
        Assert.Equal("sa.yaml:1", set.Objects[0].Source.ToString());
    }

    [Fact]
    public async Task KustomizationBelowAPlainFolderIsAnErrorThatSaysWhatToDo()
    {
        using var repository = TempRepository.CopyOf("plain");
        repository.Write("apps/till/nested/kustomization.yaml", "resources: [a.yaml]\n");

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "apps/till"), RenderErrorKind.InvalidObject);

        Assert.Contains("apps/till/nested/kustomization.yaml: a kustomization below a plain YAML folder is not built", error.Message);
        Assert.Contains("point the group at 'apps/till/nested'", error.Message);
    }

    [Fact]
    public async Task SymbolicLinksInsideTheRepositoryAreFollowed()
    {
        using var repository = TempRepository.CopyOf("plain");
        Directory.CreateDirectory(repository.Path("apps/kiosk"));
        File.CreateSymbolicLink(repository.Path("apps/kiosk/sa.yaml"), "../till/nested/a.yaml");

        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "apps/kiosk"));

        Assert.Equal("ServiceAccount/till/till", Assert.Single(set.Objects).Subject);
    }

    [Fact]
    public async Task MergeKeysAndAnchorsExpandWithExplicitKeysWinning()
    {
        using var repository = new TempRepository();
        repository.Write("app/pods.yaml", """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: defaults}
                data: &defaults
                  mode: online
                  tills: "2"
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: store}
                data:
                  <<: *defaults
                  mode: offline
            """);

        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "app"));

        var store = RenderAssert.Single(set, "ConfigMap/store");
        Assert.Equal("\"offline\"", RenderAssert.Raw(store, "data.mode"));
        Assert.Equal("\"2\"", RenderAssert.Raw(store, "data.tills"));
    }

    [Fact]
    public async Task AliasBombIsRefusedInsteadOfExhaustingMemory()
    {
        using var repository = new TempRepository();
        var lines = new List<string> { "apiVersion: v1", "kind: ConfigMap", "metadata: {name: bomb}", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i <= 9; i++)
            lines.Add($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]");
        repository.Write("bomb/bomb.yaml", string.Join('\n', lines));

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "bomb"), RenderErrorKind.InvalidYaml);

        Assert.Contains("bomb/bomb.yaml:", error.Message);
        Assert.Contains("more than 1000000 values", error.Message);
    }

    [Fact]
    public async Task AnchorsDoNotReachIntoTheNextDocument()
    {
        using var repository = new TempRepository();
        repository.Write("app/two.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &shared {k: v}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: *shared\n");

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "app"), RenderErrorKind.InvalidYaml);

        Assert.Contains("app/two.yaml:9: alias *shared refers to no anchor defined before it", error.Message);
    }
}
