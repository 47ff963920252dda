namespace FleetOps.EdgeAgent.Cli;

/// <summary>What <c>fleetops-agent</c> exits with; a service manager or a script can tell these apart.</summary>
public static class AgentExitCodes
{
    public const int Ok = 0;

    /// <summary>The agent stopped on an error it could not recover from (its log says which).</summary>
    public const int Failed = 1;

    /// <summary>The settings or the command line are invalid: every problem is listed, nothing was started.</summary>
    public const int Configuration = 2;

    /// <summary><c>status</c> or <c>history</c> found no state to show (no data dir, no state file, no answer).</summary>
    public const int NoState = 3;
}
