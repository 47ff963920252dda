namespace FleetOps.Shared.Rendering;

/// <summary>What one kustomize process did: its exit code and output, or that it could not start or ran too long.</summary>
internal sealed record KustomizeRun(int ExitCode, string Output, string Errors, bool TimedOut, string? StartError);
