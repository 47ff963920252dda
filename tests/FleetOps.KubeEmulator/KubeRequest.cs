namespace FleetOps.KubeEmulator;

/// <summary>
/// One request a cluster served, classified the way the API server's audit log does
/// (verb get, list, watch, create, update, patch, delete, deletecollection). <see cref="Body"/> is the
/// object or patch sent, when <see cref="KubeEmulatorOptions.RecordBodies"/> asks for it.
/// </summary>
public sealed record KubeRequest(
    DateTimeOffset Time,
    string Method,
    string Path,
    string Verb,
    string? Resource,
    string? Namespace,
    string? Name,
    string? Subresource,
    string? PatchType,
    string? FieldManager,
    bool DryRun,
    int StatusCode,
    string? Body = null)
{
    /// <summary>Whether the request asked to change stored state (dry runs and reads do not).</summary>
    public bool IsWrite => !DryRun && Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
