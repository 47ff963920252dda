using System.CommandLine;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Commands;

/// <summary>One run of the CLI: its environment, its two output streams and the options every command shares.</summary>
public sealed class CliRuntime(CliEnvironment env, TextWriter stdout, TextWriter stderr)
{
    public CliEnvironment Env => env;

    public TextWriter Stdout => stdout;

    public TextWriter Stderr => stderr;

    public GlobalOptions Options { get; } = new();

    public CommandContext Context(ParseResult parse) => new(parse, this);

    /// <summary><c>error: what went wrong</c>, then one <c>hint:</c> line per thing to try.</summary>
    /// <remarks>Errors quote the hub, which quotes agents: no control character reaches the terminal (<see cref="SafeText"/>).</remarks>
    public void WriteError(CliException error)
    {
        stderr.Write($"error: {SafeText.Clean(error.Message)}\n");
        foreach (var hint in error.Hints)
            stderr.Write($"  hint: {SafeText.Clean(hint)}\n");
    }

    /// <summary>Progress for a person watching, on stderr so that stdout stays the answer.</summary>
    public void WriteProgress(string line) => stderr.Write(SafeText.Clean(Markup.Remove(line)) + "\n");
}
