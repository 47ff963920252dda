using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

public sealed class ClusterVariablesTests
{
    private const string Cluster = "store-0042";
    private static readonly Renderer Renderer = new(RenderOptions.Default with { SearchPath = "" }, TimeProvider.System);

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["region"] = "east",
        ["topology.kubernetes.io/zone"] = "east-1b",
    };

    private static readonly Lazy<Task<RenderedSet>> Variables = new(async () =>
        RenderAssert.Ok(await Renderer.RenderAsync(TestData.PathOf("render", "variables"), ".")));

    private static async Task<RenderedObject> Substituted(string subject, IReadOnlyDictionary<string, string>? labels = null)
    {
        var set = RenderAssert.Ok(ClusterVariables.Substitute(await Variables.Value, Cluster, labels ?? Labels));
        return RenderAssert.Single(set, subject);
    }

    private static string Data(RenderedObject o, string key) => o.Content.GetProperty("data").GetProperty(key).GetString()!;

    [Fact]
    public async Task ClusterIdAndLabelsAreSubstitutedInStringValues()
    {
        var store = await Substituted("ConfigMap/pos/store");

        Assert.Equal(Cluster, Data(store, "store"));
        Assert.Equal("east-1b", Data(store, "zone"));
        Assert.Equal("Welcome to store store-0042 in east!", Data(store, "banner"));
        Assert.Equal(Cluster, store.Content.GetProperty("metadata").GetProperty("labels").GetProperty("fleetops.io/store").GetString());
        var api = await Substituted("Deployment/pos/api");
        Assert.Equal("\"east\"", RenderAssert.Raw(api, "spec.template.spec.containers.0.env.0.value"));
    }

    [Fact]
    public async Task DefaultIsUsedWhenTheLabelIsMissingOrEmpty()
    {
        Assert.Equal("stable", Data(await Substituted("ConfigMap/pos/store"), "ring"));
        Assert.Equal("[]", Data(await Substituted("ConfigMap/pos/store"), "emptyDefault"));
        Assert.Equal("stable", Data(await Substituted("ConfigMap/pos/store", new Dictionary<string, string>(Labels) { ["ring"] = "" }), "ring"));
    }

    [Fact]
    public async Task LabelValueWinsOverTheDefault()
    {
        var store = await Substituted("ConfigMap/pos/store", new Dictionary<string, string>(Labels) { ["ring"] = "canary" });

        Assert.Equal("canary", Data(store, "ring"));
    }

    [Fact]
    public async Task DoubleDollarEscapesAReferenceIntoLiteralText()
    {
        Assert.Equal("${cluster.id}", Data(await Substituted("ConfigMap/pos/store"), "literal"));
    }

    [Fact]
    public async Task OtherDollarSyntaxIsLeftUntouched()
    {
        var script = Data(await Substituted("ConfigMap/pos/store"), "script");

        Assert.Equal("#!/bin/sh\necho \"pid $$ home ${HOME} other ${OTHER} make $${VAR}\"\n", script);
    }

    [Fact]
    public async Task KeysAreNeverSubstituted()
    {
        var store = await Substituted("ConfigMap/pos/store");

        Assert.Equal("keys are never substituted", Data(store, "${cluster.id}"));
    }

    [Fact]
    public async Task NonStringValuesAreUntouched()
    {
        var api = await Substituted("Deployment/pos/api");

        Assert.Equal("2", RenderAssert.Raw(api, "spec.replicas"));
        Assert.Equal("false", RenderAssert.Raw(api, "spec.paused"));
        Assert.Equal("\"30\"", RenderAssert.Raw(api, "spec.template.spec.containers.0.env.1.value"));
    }

    [Theory]
    [InlineData("x\nkind: Secret")]
    [InlineData("{a: b}")]
    [InlineData("\"}, \"kind\": \"Secret")]
    [InlineData("${cluster.id}")]
    public async Task LabelValueCannotInjectStructure(string hostile)
    {
        var set = RenderAssert.Ok(ClusterVariables.Substitute(await Variables.Value, Cluster, new Dictionary<string, string>(Labels) { ["region"] = hostile }));

        Assert.Equal(["ConfigMap/pos/store", "Deployment/pos/api"], set.Objects.Select(o => o.Subject));
        var api = RenderAssert.Single(set, "Deployment/pos/api");
        Assert.Equal(hostile, api.Content.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("env")[0].GetProperty("value").GetString());
        Assert.Equal(2, api.Content.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("env").GetArrayLength());
    }

    [Fact]
    public async Task UndefinedLabelWithoutDefaultFailsNamingTheVariableObjectAndField()
    {
        var result = ClusterVariables.Substitute(await Variables.Value, Cluster, new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = "a" });

        var error = RenderAssert.Fails(result, RenderErrorKind.UndefinedVariable);
        Assert.Contains("ConfigMap/pos/store: data.banner: ${cluster.labels.region} is not defined: cluster 'store-0042' has no label 'region'", error.Message);
        Assert.Contains("Deployment/pos/api: spec.template.spec.containers[0].env[0].value: ${cluster.labels.region} is not defined", error.Message);
        Assert.Contains("${cluster.labels.region:=VALUE}", error.Message);
    }

    [Theory]
    [InlineData("${cluster.name}", RenderErrorKind.InvalidVariable, "${cluster.name} is not a cluster variable; use ${cluster.id}")]
    [InlineData("${cluster.labels.}", RenderErrorKind.InvalidVariable, "${cluster.labels.} does not name a label key")]
    [InlineData("${cluster.labels.a b}", RenderErrorKind.InvalidVariable, "does not name a label key")]
    [InlineData("x-${cluster.id", RenderErrorKind.InvalidVariable, "'${cluster.id' has no closing '}'")]
    [InlineData("${cluster.labels.zone:-east}", RenderErrorKind.InvalidVariable, "a default follows ':='")]
    public async Task MalformedOrUnknownClusterReferenceIsAnError(string value, RenderErrorKind kind, string expected)
    {
        using var repository = new TempRepository();
        repository.Write("app/cm.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm}}\ndata:\n  'app.conf': '{value}'\n");
        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "app"));

        var error = RenderAssert.Fails(ClusterVariables.Substitute(set, Cluster, Labels), kind);

        Assert.StartsWith("ConfigMap/cm: data['app.conf']: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task SubstitutionLeavesTheCachedSetAsItWas()
    {
        var cached = await Variables.Value;
        var digest = cached.Digest;

        var first = RenderAssert.Ok(ClusterVariables.Substitute(cached, "store-0001", Labels));
        var second = RenderAssert.Ok(ClusterVariables.Substitute(cached, "store-0002", Labels));

        Assert.Equal("${cluster.id}", Data(RenderAssert.Single(cached, "ConfigMap/pos/store"), "store"));
        Assert.Equal(digest, cached.Digest);
        Assert.Equal("store-0001", Data(RenderAssert.Single(first, "ConfigMap/pos/store"), "store"));
        Assert.Equal("store-0002", Data(RenderAssert.Single(second, "ConfigMap/pos/store"), "store"));
        Assert.NotEqual(first.Digest, second.Digest);
    }

    [Fact]
    public async Task SetWithoutVariablesIsReturnedItself()
    {
        var set = RenderAssert.Ok(await Renderer.RenderAsync(TestData.PathOf("render", "plain"), "apps/till"));

        var substituted = RenderAssert.Ok(ClusterVariables.Substitute(set, Cluster, Labels));

        Assert.Same(set, substituted);
    }

    [Fact]
    public async Task VariableInANamespaceGivesTheObjectItsNewIdentity()
    {
        using var repository = new TempRepository();
        repository.Write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: pos-${cluster.labels.region}\n");
        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "app"));

        var substituted = RenderAssert.Ok(ClusterVariables.Substitute(set, Cluster, Labels));

        Assert.Equal("ConfigMap/pos-east/cm", Assert.Single(substituted.Objects).Subject);
    }

    [Fact]
    public async Task ObjectsThatCollideAfterSubstitutionAreRejected()
    {
        using var repository = new TempRepository();
        repository.Write("app/cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: "store-${cluster.id}"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: store-store-0042}
            """);
        var set = RenderAssert.Ok(await Renderer.RenderAsync(repository.Root, "app"));

        var error = RenderAssert.Fails(ClusterVariables.Substitute(set, Cluster, Labels), RenderErrorKind.DuplicateObject);

        Assert.Contains("app/cm.yaml:5: ConfigMap/store-store-0042 is defined twice (first at app/cm.yaml:1)", error.Message);
    }
}
