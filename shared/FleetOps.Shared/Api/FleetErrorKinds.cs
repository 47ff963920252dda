namespace FleetOps.Shared.Api;

/// <summary>What a <see cref="FleetError"/> is about.</summary>
public static class FleetErrorKinds
{
    /// <summary>fleet.yaml did not parse or validate (including a group path that does not exist); the last good definitions stay.</summary>
    public const string Definition = "Definition";

    /// <summary>A group's path did not render at the commit; the group keeps its previous target.</summary>
    public const string Render = "Render";

    /// <summary>The repository could not be reached or fetched; nothing moved.</summary>
    public const string Source = "Source";

    /// <summary>
    /// The head is not signed by a trusted key (the message names the signer, or says it is unsigned); nothing of it
    /// was read and the previous targets stay. Checked again at every poll until a trusted head arrives.
    /// </summary>
    public const string UntrustedCommit = "UntrustedCommit";
}
