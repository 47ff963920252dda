namespace FleetOps.Cli.Client;

/// <summary>
/// An RFC 9457 problem answer from the hub; <see cref="Nearest"/> holds its "did you mean" names for a 404.
/// <see cref="FromHub"/> is false when the body was no problem document at all (a proxy's page, another server).
/// </summary>
public sealed record HubProblem(int Status, string? Title, string? Detail, IReadOnlyList<string> Nearest, bool FromHub = true)
{
    /// <summary>The detail when the hub gave one (it is written to be read), else the title, else the status.</summary>
    public string Text => Detail ?? Title ?? $"HTTP {Status}";
}
