using FleetOps.Shared.Kubernetes;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>
/// A server-side apply body is typed by structured-merge-diff first, which refuses unknown fields, wrong scalar
/// types and duplicate keys of associative lists outright, where a create or update drops, reports or warns.
/// </summary>
public sealed class ServerSideApplyTests
{
    private static readonly SchemaOptions Apply = new() { ServerSideApply = true };

    [Fact]
    public async Task UnknownFieldsWrongTypesAndDuplicateKeysAreApplyErrorsInStructuredMergeDiffsWords()
    {
        var result = await SchemaFixtures.Check("apply", "typed-patch", Apply);

        Assert.Equal(
            [
                ".spec.replica: field not declared in schema",
                ".spec.replicas: expected numeric (int or float), got string",
                ".spec.template.spec.containers[name=\"web\"].unknownNested: field not declared in schema",
                ".spec.template.spec.containers[name=\"web\"].env: duplicate entries for key [name=\"FOO\"]",
                ".spec.template.spec.containers[name=\"web\"].ports: duplicate entries for key [containerPort=80,protocol=\"TCP\"]",
            ],
            result.Errors.Select(e => e.Message));
        Assert.All(result.Errors, e => Assert.Equal(SchemaErrorKind.Apply, e.Kind));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task TheSameBodyOnCreateIsOneDecodeErrorAndAWarning()
    {
        var result = await SchemaFixtures.Check("apply", "typed-patch");

        var error = Assert.Single(result.Errors);
        Assert.Equal(SchemaErrorKind.Decode, error.Kind);
        Assert.Equal("spec.template.spec.containers[0].env[1]: hides previous definition of \"FOO\", which may be dropped when using apply", Assert.Single(result.Warnings));
        Assert.Equal(2, result.UnknownFields.Count);
    }
}
