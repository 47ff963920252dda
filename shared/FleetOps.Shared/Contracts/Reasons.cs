namespace FleetOps.Shared.Contracts;

/// <summary>
/// Reasons after Flux's conditions. Strings on the wire so that a newer agent's reason still reaches
/// an older hub intact.
/// </summary>
public static class Reasons
{
    public const string Pending = "Pending";
    public const string Progressing = "Progressing";
    public const string SourceUnavailable = "SourceUnavailable";
    public const string RenderFailed = "RenderFailed";
    public const string ApplyFailed = "ApplyFailed";
    public const string PruneFailed = "PruneFailed";
    public const string HealthCheckFailed = "HealthCheckFailed";
    public const string Conflict = "Conflict";
    public const string ReconciliationSucceeded = "ReconciliationSucceeded";

    /// <summary>Pending: a new revision waits for the group's window to open (the running revision is still kept in place).</summary>
    public const string OutsideWindow = "OutsideWindow";

    /// <summary>
    /// The agent cannot write its data dir (a full disk, say): it keeps enforcing what it applied from memory, but
    /// holds its records and journal only in memory until it can write again. Reported on every group.
    /// </summary>
    public const string StorageUnavailable = "StorageUnavailable";

    /// <summary>Progressing: the group left the store's desired state and its objects are being pruned; PruneFailed (Failed) if that fails.</summary>
    public const string Removing = "Removing";

    /// <summary>Failed: the revision is not signed by a key the agent trusts; nothing of it was rendered or applied.</summary>
    public const string UntrustedRevision = "UntrustedRevision";

    public static readonly IReadOnlyList<string> All =
    [
        Pending, Progressing, SourceUnavailable, RenderFailed, ApplyFailed, PruneFailed, HealthCheckFailed, Conflict,
        ReconciliationSucceeded, OutsideWindow, StorageUnavailable, UntrustedRevision, Removing,
    ];
}
