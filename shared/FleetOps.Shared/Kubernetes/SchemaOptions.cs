namespace FleetOps.Shared.Kubernetes;

/// <summary>How to check: which custom resources are known, and whether the object is a server-side apply body.</summary>
public sealed record SchemaOptions
{
    public static SchemaOptions Default { get; } = new();

    /// <summary>
    /// Judge the object as the configuration of a server-side apply: unknown fields, wrong scalar types and duplicate
    /// keys of associative lists (two env entries named FOO) become <see cref="SchemaErrorKind.Apply"/> errors,
    /// as kube-apiserver refuses them outright there, where a create or update warns or drops them.
    /// </summary>
    public bool ServerSideApply { get; init; }

    /// <summary>The CRD schemas custom resources are checked against; kinds found nowhere are not checked.</summary>
    public CustomResourceSchemas CustomResources { get; init; } = CustomResourceSchemas.Empty;
}
