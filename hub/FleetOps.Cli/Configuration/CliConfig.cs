namespace FleetOps.Cli.Configuration;

/// <summary>The config file, <c>{"hub": "http://hub:5000", "token": "fot_..."}</c>; both keys optional.</summary>
public sealed record CliConfig(string? Hub, string? Token)
{
    public static readonly CliConfig Empty = new(null, null);
}
