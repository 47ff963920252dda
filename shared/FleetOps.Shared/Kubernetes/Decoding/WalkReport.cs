namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>What a walk over an object found, in the order it found it.</summary>
internal sealed class WalkReport
{
    public List<SchemaError> Errors { get; } = [];

    public List<ObjectPath> Unknown { get; } = [];

    public List<string> Warnings { get; } = [];

    public void Decode(ObjectPath path, string message) => Errors.Add(new SchemaError(SchemaErrorKind.Decode, path, message));

    /// <summary>A typed-patch refusal; <paramref name="where"/> is structured-merge-diff's path, e.g. <c>.spec.replica</c>.</summary>
    public void Apply(ObjectPath path, string where, string message) => Errors.Add(new SchemaError(SchemaErrorKind.Apply, path, $"{where}: {message}"));

    public void Invalid(ObjectPath path, string reason, string message) =>
        Errors.Add(new SchemaError(SchemaErrorKind.Invalid, path, message) { Reason = reason });
}
