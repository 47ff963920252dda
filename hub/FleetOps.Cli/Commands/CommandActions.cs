using System.CommandLine;

namespace FleetOps.Cli.Commands;

/// <summary>
/// Gives a command its action, and turns what can go wrong inside it into an exit code: a
/// <see cref="CliException"/> prints its message and hints to stderr; Ctrl+C exits 130 as shells expect.
/// </summary>
public static class CommandActions
{
    public const int Interrupted = 130;

    public static Command Runs(this Command command, CliRuntime runtime, Func<CommandContext, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = runtime.Context(parse);
            try
            {
                var code = await body(context, cancellationToken);
                context.Flush();
                return code;
            }
            catch (CliException e)
            {
                context.Flush();
                runtime.WriteError(e);
                return e.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.Flush();
                return Interrupted;
            }
        });
        return command;
    }
}
