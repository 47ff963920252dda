namespace FleetOps.Cli;

/// <summary>
/// A failure the user can act on: the message says what went wrong, the hints what to do about it,
/// and the exit code tells a script which kind of failure it was. Not sealed: a hub's problem answer
/// is one of these that also carries the answer (<see cref="Client.HubProblemException"/>).
/// </summary>
public class CliException(int exitCode, string message, IReadOnlyList<string>? hints = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Hints { get; } = hints ?? [];

    public static CliException Usage(string message, params string[] hints) => new(ExitCodes.Usage, message, hints);

    public static CliException Error(string message, params string[] hints) => new(ExitCodes.Error, message, hints);
}
