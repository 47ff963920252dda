namespace FleetOps.Shared.Contracts;

/// <summary>
/// Names of journal events. Strings, not an enum, so an older hub still stores and shows an event
/// kind that a newer agent introduces.
/// </summary>
public static class JournalEventKinds
{
    public const string AgentStarted = "AgentStarted";
    public const string TargetReceived = "TargetReceived";
    public const string DesiredRejected = "DesiredRejected";
    public const string SourceUnavailable = "SourceUnavailable";
    public const string RenderFailed = "RenderFailed";
    public const string Applied = "Applied";
    public const string Converged = "Converged";
    public const string Degraded = "Degraded";
    public const string Failed = "Failed";
    public const string DriftCorrected = "DriftCorrected";
    public const string Pruned = "Pruned";
    public const string Connected = "Connected";
    public const string Disconnected = "Disconnected";

    /// <summary>A new revision arrived outside the group's window; Detail says when the window opens.</summary>
    public const string OutsideWindow = "OutsideWindow";

    /// <summary>The window opened and a revision that waited for it is being applied.</summary>
    public const string WindowOpened = "WindowOpened";

    /// <summary>The agent could not write its data dir (Detail says why) and runs from memory; stamped when it happened.</summary>
    public const string StorageUnavailable = "StorageUnavailable";

    /// <summary>The data dir can be written again; Detail says how long it could not be and what was written then.</summary>
    public const string StorageRecovered = "StorageRecovered";
    /// <summary>A revision was refused because it is not signed by a key the agent trusts; Detail names the signer.</summary>
    public const string UntrustedRevision = "UntrustedRevision";

    /// <summary>Stands for older events dropped because the journal hit its bound; Detail says how many.</summary>
    public const string Compacted = "Compacted";
}
