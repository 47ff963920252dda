namespace FleetOps.Cli;

/// <summary>
/// What <c>fleetops</c> returns, documented in README.md: pipelines branch on these, so they never change meaning.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (a <c>status</c> showing failures is still a successful answer).</summary>
    public const int Ok = 0;

    /// <summary>The hub answered with an error (unknown cluster or group, refused token, ...) or the config file is broken.</summary>
    public const int Error = 1;

    /// <summary>The command line is wrong: unknown command or option, a value that does not parse, a selector the hub refuses.</summary>
    public const int Usage = 2;

    /// <summary>No answer from the hub: connection refused, name not resolved, timed out.</summary>
    public const int HubUnreachable = 3;

    /// <summary><c>fleetops wait</c> gave up: the timeout passed, or the target can never be reached.</summary>
    public const int WaitNotMet = 4;
}
