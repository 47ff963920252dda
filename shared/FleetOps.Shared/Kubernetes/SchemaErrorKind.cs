namespace FleetOps.Shared.Kubernetes;

/// <summary>Which part of kube-apiserver refuses an object, and so how it answers.</summary>
public enum SchemaErrorKind
{
    /// <summary>The decoder cannot read the body into the kind's Go type: 400 BadRequest on create and update.</summary>
    Decode,

    /// <summary>Validation after decoding and defaulting: 422 Invalid, with the field as a Status cause.</summary>
    Invalid,

    /// <summary>
    /// Server-side apply cannot type the applied configuration (unknown field, wrong scalar type, duplicate key of
    /// an associative list): kube-apiserver 1.32 answers 500 "failed to create typed patch object", whatever
    /// <c>fieldValidation</c> says. Only reported when <see cref="SchemaOptions.ServerSideApply"/> is set.
    /// </summary>
    Apply,
}
