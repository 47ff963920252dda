namespace FleetOps.Shared.Kubernetes;

/// <summary>
/// One refusal, worded as kube-apiserver words it. For <see cref="SchemaErrorKind.Invalid"/>, <see cref="Message"/>
/// is a Status cause's message (<c>Invalid value: -1: must be greater than or equal to 0</c>) and
/// <see cref="Reason"/> its reason; for <see cref="SchemaErrorKind.Decode"/> it is the decoder's own message
/// (<c>json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32</c>); for
/// <see cref="SchemaErrorKind.Apply"/> it is structured-merge-diff's (<c>.spec.replica: field not declared in schema</c>).
/// </summary>
public sealed record SchemaError(SchemaErrorKind Kind, ObjectPath Path, string Message)
{
    /// <summary>The Status cause reason of a validation error: FieldValueInvalid, FieldValueRequired, ...; null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>The field as kube-apiserver writes it, e.g. <c>spec.template.spec.containers[1].name</c>.</summary>
    public string Field => Path.ToString();

    public override string ToString() => Kind == SchemaErrorKind.Invalid ? $"{Field}: {Message}" : Message;
}
