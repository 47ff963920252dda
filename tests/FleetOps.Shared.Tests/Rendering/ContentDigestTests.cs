using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

public sealed class ContentDigestTests
{
    private static readonly Renderer Renderer = new(RenderOptions.Default with { SearchPath = "" }, TimeProvider.System);

    private static async Task<string> DigestOf(string root, string path) =>
        RenderAssert.Ok(await Renderer.RenderAsync(root, path)).Digest;

    [Fact]
    public async Task DigestIsSha256HexOfTheContent()
    {
        var digest = await DigestOf(TestData.PathOf("render", "digest"), "original");

        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
    }

    [Fact]
    public async Task SameObjectsInOtherFilesOrderAndFormattingGiveTheSameDigest()
    {
        var original = await DigestOf(TestData.PathOf("render", "digest"), "original");
        var reformatted = await DigestOf(TestData.PathOf("render", "digest"), "reformatted");

        Assert.Equal(original, reformatted);
    }

    [Fact]
    public async Task UnrelatedFilesAndCommentsDoNotChangeTheDigest()
    {
        var before = await DigestOf(TestData.PathOf("render", "digest"), "original");
        using var repository = TempRepository.CopyOf("digest");
        repository.Write("original/README.md", "# Notes\nNothing here is a manifest.\n");
        repository.Write("original/docs/diagram.svg", "<svg/>");
        repository.Write("elsewhere/other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n");
        repository.Replace("original/app.yaml", "  replicas: 2\n", "  replicas: 2 # scaled for the lunch rush\n");
        File.Move(repository.Path("original/app.yaml"), repository.Path("original/0-app.yaml"));

        var after = await DigestOf(repository.Root, "original");

        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("  replicas: 2\n", "  replicas: 3\n")]
    [InlineData("  tills: \"4\"\n", "  tills: 4\n")]
    [InlineData("greeting: hello world", "greeting: hello  world")]
    [InlineData("api:1.4.2", "api:1.4.3")]
    [InlineData("[\"--offline\", \"--port=8080\"]", "[\"--port=8080\", \"--offline\"]")]
    [InlineData("    app: api\nspec:", "    app: api\n    tier: web\nspec:")]
    [InlineData("  namespace: pos\n  labels:", "  namespace: pos2\n  labels:")]
    public async Task AnyChangeOfAValueChangesTheDigest(string before, string after)
    {
        var original = await DigestOf(TestData.PathOf("render", "digest"), "original");
        using var repository = TempRepository.CopyOf("digest");
        repository.Replace("original/app.yaml", before, after);

        var changed = await DigestOf(repository.Root, "original");

        Assert.NotEqual(original, changed);
    }

    [Fact]
    public async Task RemovingAnObjectChangesTheDigest()
    {
        var original = await DigestOf(TestData.PathOf("render", "digest"), "original");
        using var repository = TempRepository.CopyOf("digest");
        File.Delete(repository.Path("original/namespace.yaml"));

        Assert.NotEqual(original, await DigestOf(repository.Root, "original"));
    }

    [Fact]
    public async Task DigestOfTheSetMatchesTheDigestComputedFromItsObjects()
    {
        var set = RenderAssert.Ok(await Renderer.RenderAsync(TestData.PathOf("render", "digest"), "original"));

        Assert.Equal(set.Digest, ContentDigest.Compute(set.Objects.Reverse()));
    }
}
