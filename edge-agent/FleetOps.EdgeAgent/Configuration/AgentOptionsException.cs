namespace FleetOps.EdgeAgent.Configuration;

/// <summary>Invalid configuration at start; the message lists every problem, one per line.</summary>
public sealed class AgentOptionsException(IReadOnlyList<string> errors)
    : Exception("fleetops-agent configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
