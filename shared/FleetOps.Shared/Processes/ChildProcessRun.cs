namespace FleetOps.Shared.Processes;

/// <summary>What one child process did: its exit code and output, or that it could not start or ran too long.</summary>
internal sealed record ChildProcessRun(int ExitCode, string Output, string Errors, bool TimedOut, string? StartError)
{
    public bool Succeeded => StartError is null && !TimedOut && ExitCode == 0;
}
