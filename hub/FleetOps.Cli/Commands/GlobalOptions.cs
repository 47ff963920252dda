using System.CommandLine;
using FleetOps.Cli.Configuration;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>Options every command takes: which hub, which config file, which output form.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Hub { get; } = new("--hub")
    {
        Description = $"Hub URL [default: ${ConnectionResolver.HubVariable}, else \"hub\" in the config file, else {ConnectionResolver.DefaultHub}]",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file with \"hub\" and \"token\" [default: $XDG_CONFIG_HOME/fleetops/config.json or ~/.config/fleetops/config.json]",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (fits the screen), wide (every column), or json (the hub's API records, complete and stable) [default: table]",
        HelpName = "table|wide|json",
        Recursive = true,
        // The parser's own message lists the enum's names (Table, Wide, Json); people type them lower case.
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format) && !int.TryParse(text, out _))
                return format;
            var upper = text.Length > 0 && text.All(c => !char.IsLetter(c) || char.IsUpper(c));
            var names = Enum.GetNames<OutputFormat>().Select(n => upper ? n.ToUpperInvariant() : n.ToLowerInvariant()).ToList();
            result.AddError($"-o '{text}' is not an output format; use {string.Join(", ", names[..^1])} or {names[^1]}");
            return OutputFormat.Table;
        },
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Hub);
        root.Options.Add(Config);
        root.Options.Add(Output);
    }
}
