using FleetOps.Shared.Kubernetes;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>Values of the wrong type are the decoder's 400s, worded as kube-apiserver's Go decoder words them.</summary>
public sealed class DecodeErrorTests
{
    [Theory]
    [InlineData("replicas-text", "spec.replicas", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("configmap-number", "data[port]", "json: cannot unmarshal number into Go struct field ConfigMap.data of type string")]
    [InlineData("container-port-text", "spec.template.spec.containers[0].ports[0].containerPort",
        "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32")]
    [InlineData("secret-not-base64", "data[password]", "illegal base64 data at input byte 7")]
    [InlineData("target-port-boolean", "spec.ports[0].targetPort", "json: cannot unmarshal bool into Go value of type int32")]
    [InlineData("metadata-not-a-map", "metadata.labels", "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string")]
    public async Task AValueOfTheWrongTypeIsADecodeErrorWithTheServersWording(string name, string field, string message)
    {
        var result = await SchemaFixtures.Check("types", name);

        var error = Assert.Single(result.Errors);
        Assert.Equal(SchemaErrorKind.Decode, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
        Assert.Null(error.Reason);
    }

    [Fact]
    public async Task BadQuantitiesAreRefusedWithTheRegularExpressionOrTheSuffix()
    {
        var result = await SchemaFixtures.Check("types", "memory-with-space");

        Assert.Collection(result.Errors,
            e => Assert.Equal(("spec.template.spec.containers[0].resources.limits[memory]",
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"), (e.Field, e.Message)),
            e => Assert.Equal(("spec.template.spec.containers[0].resources.limits[cpu]", "unable to parse quantity's suffix"), (e.Field, e.Message)));
    }

    [Fact]
    public async Task EveryDecodeErrorIsReportedInDocumentOrderNotOnlyTheFirst()
    {
        var result = await SchemaFixtures.Check("types", "many-errors");

        Assert.Equal(
            [
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
                "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32",
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                "json: cannot unmarshal number 2.5 into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64",
            ],
            result.Errors.Select(e => e.Message));
        Assert.All(result.Errors, e => Assert.Equal(SchemaErrorKind.Decode, e.Kind));
    }

    [Fact]
    public async Task AFieldWithAnErrorIsLeftAsItWasInTheNormalizedObject()
    {
        var result = await SchemaFixtures.Check("types", "memory-with-space");

        Assert.Equal("1 GB", (string?)result.Normalized["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]);
    }
}
