namespace FleetOps.Shared.Signing;

/// <summary>How <see cref="CommitVerifier"/> runs its tools: where it writes its scratch files, which programs, for how long.</summary>
/// <param name="ScratchDirectory">A folder of the caller's (the hub's or agent's data dir); each check uses a private folder inside it.</param>
public sealed record VerificationOptions(string ScratchDirectory)
{
    /// <summary>One tool call (gpgv, ssh-keygen) is stopped after this long and the commit counts as unverifiable for now.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>GnuPG's verify-only tool, which trusts every key in the keyring it is given: exactly the trusted keys.</summary>
    public string GpgvProgram { get; init; } = "gpgv";

    public string SshKeygenProgram { get; init; } = "ssh-keygen";
}
