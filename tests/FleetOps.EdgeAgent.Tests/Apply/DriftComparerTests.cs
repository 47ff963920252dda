using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;

namespace FleetOps.EdgeAgent.Tests.Apply;

public sealed class DriftComparerTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void FieldsTheServerAddsAreNotDrift()
    {
        var desired = J("""{"kind":"ConfigMap","metadata":{"name":"a","labels":{"x":"1"}},"data":{"k":"v"}}""");
        var live = J("""{"kind":"ConfigMap","metadata":{"name":"a","uid":"u","resourceVersion":"7","labels":{"x":"1","other":"y"}},"data":{"k":"v"}}""");
        Assert.True(DriftComparer.InSync(desired, live));
    }

    [Fact]
    public void AChangedValueIsDrift()
    {
        var desired = J("""{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}}}""");
        var live = J("""{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"c","image":"nginx:2","imagePullPolicy":"IfNotPresent"}]}}}}""");
        Assert.False(DriftComparer.InSync(desired, live));
    }

    [Fact]
    public void AMissingListElementIsDrift()
    {
        Assert.False(DriftComparer.InSync(J("""{"a":[1,2]}"""), J("""{"a":[1]}""")));
    }

    [Fact]
    public void NumbersCompareByValueAndStatusIsIgnored()
    {
        Assert.True(DriftComparer.InSync(J("""{"a":2,"status":{"x":1}}"""), J("""{"a":2.0}""")));
        Assert.False(DriftComparer.InSync(J("""{"a":"2"}"""), J("""{"a":2}""")));
    }
}
