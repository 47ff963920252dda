using System.CommandLine;
using System.CommandLine.Parsing;
using FleetOps.EdgeAgent.Configuration;

namespace FleetOps.EdgeAgent.Cli;

/// <summary>
/// One command-line switch per <see cref="AgentSettings"/> entry, its help naming the environment variable
/// and the default, so <c>--help</c> lists every setting from the one place they are defined.
/// </summary>
public static class AgentSwitches
{
    /// <summary>The switches, recursive so the local commands take <c>--data-dir</c> as the agent does.</summary>
    public static IReadOnlyList<Option<string>> Create() =>
        AgentSettings.All.Select(s => new Option<string>(s.Switch)
        {
            Description = $"{s.Description} [env: {s.Env}] [default: {s.Default}]",
            HelpName = s.IsFlag ? "true|false" : "value",
            Arity = s.IsFlag ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
            Recursive = true,
        }).ToList();

    /// <summary>Parses switches alone (no subcommand), as configuration tests and embedders give them.</summary>
    public static ParseResult Parse(string[] args)
    {
        var root = new RootCommand();
        foreach (var option in Create())
            root.Options.Add(option);
        return root.Parse(args);
    }

    /// <summary>The switches given, by setting key; a flag given alone is "true".</summary>
    public static IReadOnlyDictionary<string, string?> Values(ParseResult parse)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var options = parse.RootCommandResult.Command.Options.OfType<Option<string>>().ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var setting in AgentSettings.All)
        {
            if (options.TryGetValue(setting.Switch, out var option) && parse.GetResult(option) is OptionResult { Implicit: false } result)
                values[setting.Key] = result.Tokens.Count == 0 ? "true" : result.Tokens[^1].Value;
        }
        return values;
    }
}
