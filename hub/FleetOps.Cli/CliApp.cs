using System.CommandLine;
using System.CommandLine.Invocation;
using FleetOps.Cli.Commands;

namespace FleetOps.Cli;

/// <summary>
/// The whole CLI as a function: arguments, two writers and an environment in, an exit code out. Program.cs
/// calls it with the real console; tests call it in-process with their own writers, clock and config.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        var runtime = new CliRuntime(env, stdout, stderr);
        var root = CreateRoot(runtime);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
            return UsageError(parse, stderr);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = env.HandleInterrupts ? TimeSpan.FromSeconds(2) : null,
            }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not a condition the user can fix: say what it was without a stack trace in their face.
            stderr.Write($"error: unexpected {e.GetType().Name}: {e.Message}\n  hint: please report this with the command you ran\n");
            return ExitCodes.Error;
        }
    }

    public static RootCommand CreateRoot(CliRuntime runtime)
    {
        var root = new RootCommand(
            "fleetops: is the fleet where git says it should be, and if not, where and why?\n" +
            "Talks to the FleetOps hub's HTTP API. Exit codes: 0 ok, 1 error, 2 usage, 3 hub unreachable, 4 wait not met.");
        runtime.Options.AddTo(root);
        root.Subcommands.Add(new StatusCommand(runtime));
        root.Subcommands.Add(new GroupsCommand(runtime));
        root.Subcommands.Add(new GroupCommand(runtime));
        root.Subcommands.Add(new ClustersCommand(runtime));
        root.Subcommands.Add(new ClusterCommand(runtime));
        root.Subcommands.Add(new HistoryCommand(runtime));
        root.Subcommands.Add(new EventsCommand(runtime));
        root.Subcommands.Add(new RefreshCommand(runtime));
        root.Subcommands.Add(new RegisterCommand(runtime));
        root.Subcommands.Add(new LabelCommand(runtime));
        root.Subcommands.Add(new TokenCommand(runtime));
        root.Subcommands.Add(new DeregisterCommand(runtime));
        root.Subcommands.Add(new BrokerCaCommand(runtime));
        root.Subcommands.Add(new WaitCommand(runtime));
        root.Subcommands.Add(new RolloutCommand(runtime));
        root.Subcommands.Add(new PinCommand(runtime));
        root.Subcommands.Add(new UnpinCommand(runtime));
        return root;
    }

    private static int UsageError(ParseResult parse, TextWriter stderr)
    {
        foreach (var error in parse.Errors)
            stderr.Write($"error: {error.Message}\n");
        var path = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            path.Insert(0, result.Command.Name);
        path[0] = "fleetops";
        stderr.Write($"  hint: fleetops {string.Join(" ", path.Skip(1).Append("--help")).Trim()} shows the usage\n");
        return ExitCodes.Usage;
    }
}
