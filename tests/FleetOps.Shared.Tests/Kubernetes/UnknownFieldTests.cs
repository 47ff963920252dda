using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>Fields the Go types do not declare are listed as kube-apiserver lists them, and never stored.</summary>
public sealed class UnknownFieldTests
{
    [Fact]
    public async Task EveryUndeclaredFieldIsListedWithItsPathAndIndexes()
    {
        var result = await SchemaFixtures.Check("unknown", "misspelt");

        Assert.Equal(["metadata.unknownMeta", "spec.replica", "spec.template.spec.containers[0].unknownNested"], result.UnknownFields.Select(p => p.ToString()));
        Assert.Equal("unknown field \"spec.replica\"", result.UnknownFieldMessages.ElementAt(1));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task UndeclaredFieldsAreDroppedFromTheNormalizedObject()
    {
        var result = await SchemaFixtures.Check("unknown", "misspelt");

        var normalized = result.Normalized;
        Assert.False(normalized["metadata"]!.AsObject().ContainsKey("unknownMeta"));
        Assert.False(normalized["spec"]!.AsObject().ContainsKey("replica"));
        var container = normalized["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        Assert.False(container.ContainsKey("unknownNested"));
        Assert.Equal("Always", (string?)container["imagePullPolicy"]);
    }

    [Fact]
    public void AnUnknownPathKeepsItsSegments()
    {
        var result = KubernetesSchema.Check(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"b"},"dta":{}}""")!.AsObject());

        var path = Assert.Single(result.UnknownFields);
        Assert.Equal([PathSegment.Property("dta")], path.Segments.ToArray());
        Assert.Equal(ObjectPath.Root.Child("dta"), path);
    }

    [Fact]
    public void AKindWithoutASchemaIsNotCheckedAndComesBackUnchanged()
    {
        var widget = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"x"},"spec":{"anything":{}}}""")!.AsObject();

        var result = KubernetesSchema.Check(widget);

        Assert.False(result.HasSchema);
        Assert.True(result.IsValid);
        Assert.True(JsonNode.DeepEquals(widget, result.Normalized));
        Assert.NotSame(widget, result.Normalized);
    }
}
