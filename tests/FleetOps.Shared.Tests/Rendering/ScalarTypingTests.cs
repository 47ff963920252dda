using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

/// <summary>Scalars are typed as kubectl types them (sigs.k8s.io/yaml on go-yaml v2), see testdata/render/scalars.</summary>
public sealed class ScalarTypingTests
{
    private static readonly Renderer Renderer = new(RenderOptions.Default with { SearchPath = "" }, TimeProvider.System);

    private static readonly Lazy<Task<RenderedObject>> Probe = new(async () =>
        Assert.Single(RenderAssert.Ok(await Renderer.RenderAsync(TestData.PathOf("render", "scalars"), ".")).Objects));

    [Theory]
    [InlineData("boolTrue", "true")]
    [InlineData("boolTitle", "true")]
    [InlineData("boolUpper", "true")]
    [InlineData("boolFalse", "false")]
    [InlineData("yesWord", "true")]
    [InlineData("noWord", "false")]
    [InlineData("onWord", "true")]
    [InlineData("offWord", "false")]
    [InlineData("yLetter", "true")]
    [InlineData("nLetter", "false")]
    [InlineData("int", "42")]
    [InlineData("negative", "-17")]
    [InlineData("plus", "12")]
    [InlineData("hex", "31")]
    [InlineData("octal", "34")]
    [InlineData("octalO", "15")]
    [InlineData("binary", "5")]
    [InlineData("underscores", "1000")]
    [InlineData("notOctal", "9")]
    [InlineData("zero", "0")]
    [InlineData("int64Min", "-9223372036854775808")]
    [InlineData("uint64Max", "18446744073709551615")]
    [InlineData("bigInt", "123456789012345678901234567890")]
    [InlineData("float", "1.5")]
    [InlineData("floatExp", "1500")]
    [InlineData("floatExpNoSign", "\"1e3\"")]
    [InlineData("dotFloat", "0.5")]
    [InlineData("wholeFloat", "2")]
    [InlineData("tiny", "1e-7")]
    [InlineData("huge", "1e+21")]
    [InlineData("version", "1.1")]
    [InlineData("versionQuoted", "\"1.10\"")]
    [InlineData("nullWord", "null")]
    [InlineData("nullTitle", "null")]
    [InlineData("tilde", "null")]
    [InlineData("empty", "null")]
    [InlineData("quotedTrue", "\"true\"")]
    [InlineData("quotedOctal", "\"0042\"")]
    [InlineData("singleQuoted", "\"42\"")]
    [InlineData("taggedStr", "\"42\"")]
    [InlineData("taggedYes", "\"yes\"")]
    [InlineData("taggedInt", "7")]
    [InlineData("customTag", "\"web\"")]
    [InlineData("date", "\"2024-01-15\"")]
    [InlineData("clock", "\"12:30\"")]
    [InlineData("address", "\"10.0.0.1\"")]
    [InlineData("quotedTilde", "\"~\"")]
    [InlineData("literal", "\"42\\n\"")]
    [InlineData("folded", "\"yes\\n\"")]
    [InlineData("word", "\"yesterday\"")]
    public async Task ScalarBecomesTheJsonValueKubectlWouldSend(string field, string json)
    {
        var probe = await Probe.Value;

        Assert.Equal(json, RenderAssert.Raw(probe, $"spec.values.{field}"));
    }

    [Fact]
    public async Task NonTextKeysBecomeTheirTextAsInKubectl()
    {
        using var repository = new TempRepository();
        repository.Write("keys/keys.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: keys}
            data:
              on: a
              0x10: b
              1.5: c
              "quoted": d
            """);

        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "keys"));

        Assert.Equal(["true", "16", "1.5", "quoted"], set.Objects[0].Content.GetProperty("data").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task NullKeyIsRejectedWithItsLine()
    {
        using var repository = new TempRepository();
        repository.Write("keys/keys.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keys}\ndata:\n  ~: a\n");

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "keys"), RenderErrorKind.InvalidYaml);

        Assert.Contains("keys/keys.yaml:5: a mapping key is null", error.Message);
    }

    [Fact]
    public async Task ValueTaggedWithTheWrongTypeIsRejected()
    {
        using var repository = new TempRepository();
        repository.Write("tags/probe.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tags}\ndata:\n  n: !!int twelve\n");

        var error = RenderAssert.Fails(await Renderer.RenderAsync(repository.Root, "tags"), RenderErrorKind.InvalidYaml);

        Assert.Contains("tags/probe.yaml:5: 'twelve' is tagged !!int but is not an integer", error.Message);
    }
}
