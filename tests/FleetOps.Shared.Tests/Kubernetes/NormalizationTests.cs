using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>The normalized object is what kube-apiserver stores, so a drift check comparing with it compares like with like.</summary>
public sealed class NormalizationTests
{
    [Fact]
    public async Task QuantitiesAreStoredInCanonicalForm()
    {
        var container = (await SchemaFixtures.Check("normalize", "web")).Normalized["spec"]!["template"]!["spec"]!["containers"]![0]!;

        var resources = container["resources"]!;
        Assert.Equal("500m", (string?)resources["requests"]!["cpu"]);
        Assert.Equal("1Gi", (string?)resources["requests"]!["memory"]);
        Assert.Equal("1", (string?)resources["limits"]!["cpu"]);
        Assert.Equal("1536Mi", (string?)resources["limits"]!["memory"]);
        Assert.Equal("1k", (string?)resources["limits"]!["ephemeral-storage"]);
        Assert.Equal(JsonValueKind.String, resources["requests"]!["cpu"]!.GetValueKind());
    }

    [Fact]
    public async Task EmptyOptionalMapsAndListsAndUnknownFieldsAreOmitted()
    {
        var normalized = (await SchemaFixtures.Check("normalize", "web")).Normalized;

        Assert.False(normalized["metadata"]!.AsObject().ContainsKey("annotations"));
        Assert.Equal("web", (string?)normalized["metadata"]!["labels"]!["app"]);
        Assert.False(normalized["spec"]!.AsObject().ContainsKey("replica"));
        var container = normalized["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        Assert.False(container.ContainsKey("args"));
        Assert.False(container.ContainsKey("env"));
        Assert.Equal(8080, (int?)container["ports"]![0]!["containerPort"]);
    }

    [Fact]
    public async Task TheInputObjectIsNotChanged()
    {
        var web = await SchemaFixtures.Object("normalize", "web");
        var before = web.ToJsonString();

        _ = KubernetesSchema.Check(web).Normalized;

        Assert.Equal(before, web.ToJsonString());
    }

    [Fact]
    public async Task Base64IsReencodedOnOneLineAndEmptyStringDataDropped()
    {
        var normalized = (await SchemaFixtures.Check("normalize", "secret")).Normalized;

        Assert.Equal("aGVsbG8=", (string?)normalized["data"]!["greeting"]);
        Assert.False(normalized.ContainsKey("stringData"));
    }

    [Fact]
    public void WholeNumbersAreIntegersAndNumericQuantitiesBecomeText()
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":null,"creationTimestamp":null},
             "spec":{"replicas":3.0,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"x","ports":[{"containerPort":80.0}],"resources":{"limits":{"cpu":0.25}}}]}}}}
            """)!.AsObject();

        var result = KubernetesSchema.Check(deployment);

        Assert.Empty(result.Errors);
        Assert.Equal("3", result.Normalized["spec"]!["replicas"]!.ToJsonString());
        var container = result.Normalized["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("80", container["ports"]![0]!["containerPort"]!.ToJsonString());
        Assert.Equal("\"250m\"", container["resources"]!["limits"]!["cpu"]!.ToJsonString());
        Assert.False(result.Normalized["metadata"]!.AsObject().ContainsKey("labels"));
        // Go writes a zero timestamp as null, so a null timestamp is what the server stores too.
        Assert.True(result.Normalized["metadata"]!.AsObject().ContainsKey("creationTimestamp"));
    }

    [Theory]
    [InlineData("100m", "100m")]
    [InlineData("0.1", "100m")]
    [InlineData("1000m", "1")]
    [InlineData("2048Ki", "2Mi")]
    [InlineData("1e3", "1e3")]
    [InlineData("1.5", "1500m")]
    [InlineData("+2", "2")]
    [InlineData(" 1Gi ", "1Gi")]
    [InlineData("1M", "1M")]
    [InlineData("12E", "12E")]
    public void QuantityTextsAreCanonicalizedAsApimachineryDoes(string written, string stored)
    {
        var configMap = JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"x"},"spec":{"limits":[{"type":"Container","max":{"cpu":"{{{written}}}"}}]}}
            """)!.AsObject();

        var result = KubernetesSchema.Check(configMap);

        Assert.Empty(result.Errors);
        Assert.Equal(stored, (string?)result.Normalized["spec"]!["limits"]![0]!["max"]!["cpu"]);
    }
}
