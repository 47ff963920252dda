namespace FleetOps.Cli.Client;

/// <summary>The hub answered, but with an error; commands catch it to add their own hints (a 404 for a cluster, say).</summary>
public sealed class HubProblemException(HubProblem problem, int exitCode, string message, IReadOnlyList<string> hints)
    : CliException(exitCode, message, hints)
{
    public HubProblem Problem { get; } = problem;
}
