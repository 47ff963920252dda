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
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Hub);
        root.Options.Add(Config);
        root.Options.Add(Output);
    }
}
