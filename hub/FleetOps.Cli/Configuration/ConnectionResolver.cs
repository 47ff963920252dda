namespace FleetOps.Cli.Configuration;

/// <summary>
/// Picks the hub URL (<c>--hub</c>, <c>FLEETOPS_HUB</c>, the config file, <see cref="DefaultHub"/>) and the
/// token (<c>FLEETOPS_TOKEN</c>, the config file). There is deliberately no <c>--token</c>: a token on the
/// command line ends up in shell history and in every <c>ps</c> listing.
/// </summary>
public static class ConnectionResolver
{
    /// <summary>Where fleetops-hub listens when nothing else is configured (ASP.NET Core's default port).</summary>
    public const string DefaultHub = "http://localhost:5000";

    public const string HubVariable = "FLEETOPS_HUB";
    public const string TokenVariable = "FLEETOPS_TOKEN";

    public static HubConnection Resolve(string? hubOption, string? configOption, CliEnvironment env)
    {
        var configPath = configOption ?? ConfigFile.DefaultPath(env);
        var config = ConfigFile.Load(configPath, mustExist: configOption is not null);

        var (hub, hubSource) =
            !string.IsNullOrWhiteSpace(hubOption) ? (hubOption, "--hub")
            : env.Variable(HubVariable) is { } fromEnv ? (fromEnv, HubVariable)
            : !string.IsNullOrWhiteSpace(config.Hub) ? (config.Hub, $"\"hub\" in {configPath}")
            : (DefaultHub, "the default");

        var (token, tokenSource) =
            env.Variable(TokenVariable) is { } envToken ? (envToken.Trim(), TokenVariable)
            : !string.IsNullOrWhiteSpace(config.Token) ? (config.Token.Trim(), $"\"token\" in {configPath}")
            : ((string?)null, (string?)null);

        return new HubConnection(ParseHubUrl(hub, hubSource), hubSource, token, tokenSource, configPath);
    }

    /// <summary>Accepts <c>http(s)://host[:port][/prefix]</c>, and <c>host:port</c> as http; the result ends in '/' so API paths resolve under a prefix.</summary>
    public static Uri ParseHubUrl(string text, string source)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
            trimmed = "http://" + trimmed;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw CliException.Usage($"hub URL '{text}' (from {source}) is not an http or https URL", "for example --hub http://fleetops-hub.example:5000");
        var builder = new UriBuilder(uri) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
            builder.Path += "/";
        return builder.Uri;
    }
}
