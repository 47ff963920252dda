using System.Text.Json;

namespace FleetOps.Cli.Configuration;

/// <summary>
/// Where the config file lives (<c>--config</c>, else <c>$XDG_CONFIG_HOME/fleetops/config.json</c>,
/// else <c>~/.config/fleetops/config.json</c>) and how it is read. A missing default file is fine;
/// a file named with <c>--config</c> must exist, and a broken file is an error naming it.
/// </summary>
public static class ConfigFile
{
    public static string DefaultPath(CliEnvironment env)
    {
        var configHome = env.Variable("XDG_CONFIG_HOME") ?? Path.Combine(env.HomeDirectory ?? ".", ".config");
        return Path.Combine(configHome, "fleetops", "config.json");
    }

    public static CliConfig Load(string path, bool mustExist)
    {
        if (!File.Exists(path))
        {
            if (mustExist)
                throw CliException.Usage($"config file '{path}' does not exist", "create it with {\"hub\": \"http://HOST:5000\", \"token\": \"...\"}, or leave out --config");
            return CliConfig.Empty;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ConfigJsonContext.Default.CliConfig) ?? CliConfig.Empty;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $":{line + 1}" : "";
            throw CliException.Error($"config file '{path}{where}' is not valid: {e.Message}",
                "it holds one JSON object with the keys \"hub\" and \"token\", for example {\"hub\": \"http://hub.example:5000\", \"token\": \"...\"}");
        }
        catch (IOException e)
        {
            throw CliException.Error($"cannot read config file '{path}': {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw CliException.Error($"cannot read config file '{path}': {e.Message}");
        }
    }
}
