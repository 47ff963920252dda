using System.CommandLine;
using System.CommandLine.Invocation;
using FleetOps.EdgeAgent.Configuration;
using Microsoft.Extensions.Configuration;

namespace FleetOps.EdgeAgent.Cli;

/// <summary>
/// <c>fleetops-agent</c> as a function: arguments, two writers and an environment in, an exit code out.
/// Without a subcommand it runs the agent; <c>status</c> and <c>history</c> read the store's local state.
/// Program.cs calls it with the real console; tests call it in-process.
/// </summary>
public static class AgentCommandLine
{
    public const string Description =
        "fleetops-agent: keeps this store's k3s cluster at the revision the fleet-config repository says, hub or no hub.\n" +
        "Every setting comes from appsettings.json (section FleetOps), its environment variable or its switch; the switch wins.\n" +
        "Exit codes: 0 ok, 1 stopped on an error, 2 invalid settings, 3 no local state to show.";

    /// <param name="environment">The process's environment when null.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var switches = AgentSwitches.Create();
        var root = new RootCommand(Description);
        foreach (var option in switches)
            root.Options.Add(option);
        root.Subcommands.Add(LocalCommands.Status(DataDir(environment), stdout, stderr));
        root.Subcommands.Add(LocalCommands.History(DataDir(environment), stdout, stderr));
        root.SetAction((parsed, ct) => AgentStartup.RunAsync(AgentSwitches.Values(parsed), [], stderr, environment, ct));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            if (parse.CommandResult.Command == root)
            {
                // An unknown or incomplete switch is one more configuration problem: listed with the others, nothing starts.
                return await AgentStartup.RunAsync(AgentSwitches.Values(parse), [.. parse.Errors.Select(e => e.Message)], stderr, environment, cancellationToken).ConfigureAwait(false);
            }
            foreach (var error in parse.Errors)
                stderr.WriteLine($"fleetops-agent {parse.CommandResult.Command.Name}: {error.Message}");
            stderr.WriteLine($"  hint: fleetops-agent {parse.CommandResult.Command.Name} --help shows the usage");
            return AgentExitCodes.Configuration;
        }
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            // The generic host handles SIGTERM and Ctrl+C itself (a clean stop publishes offline).
            ProcessTerminationTimeout = null,
        }, cancellationToken).ConfigureAwait(false);
    }

    // The data dir the local commands read: --data-dir, else FLEETOPS_DATA_DIR, else the default the service uses.
    private static Func<ParseResult, string> DataDir(IDictionary<string, string?>? environment) => parse =>
    {
        var configuration = new ConfigurationBuilder().AddFleetOpsSources(AgentSwitches.Values(parse), environment).Build();
        return configuration[$"{AgentConfiguration.Section}:DataDir"] is { Length: > 0 } dir ? dir : AgentOptions.Default.DataDir;
    };
}
