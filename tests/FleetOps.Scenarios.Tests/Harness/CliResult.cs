namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>What one in-process run of the <c>fleetops</c> CLI printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
