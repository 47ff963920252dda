using System.Globalization;
using FleetOps.EdgeAgent.Cli;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;
using Microsoft.Extensions.Configuration;

namespace FleetOps.EdgeAgent.Configuration;

/// <summary>
/// Reads <see cref="AgentOptions"/> from the <c>FleetOps</c> configuration section, which appsettings.json,
/// <c>FLEETOPS_*</c> environment variables and command-line switches all feed (later wins).
/// Each setting has one name in each source, listed in <see cref="AgentSettings"/>.
/// </summary>
public static class AgentConfiguration
{
    public const string Section = "FleetOps";

    /// <summary>Adds the environment variables and the command line's switches, mapped onto the section's keys.</summary>
    /// <param name="args">Switches only (no subcommand); ones that do not parse are left to <see cref="AgentSwitches"/> to report.</param>
    public static IConfigurationBuilder AddFleetOpsSources(this IConfigurationBuilder builder, string[] args, IDictionary<string, string?>? environment = null) =>
        builder.AddFleetOpsSources(AgentSwitches.Values(AgentSwitches.Parse(args)), environment);

    /// <summary>Adds the environment variables, then switch values already parsed (key in the section to value), which win.</summary>
    public static IConfigurationBuilder AddFleetOpsSources(this IConfigurationBuilder builder, IReadOnlyDictionary<string, string?> switches, IDictionary<string, string?>? environment = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        var fromEnv = new Dictionary<string, string?>();
        foreach (var setting in AgentSettings.All)
        {
            if (env.TryGetValue(setting.Env, out var value) && value is not null)
                fromEnv[$"{Section}:{setting.Key}"] = value;
        }
        builder.AddInMemoryCollection(fromEnv);
        builder.AddInMemoryCollection(switches.ToDictionary(s => $"{Section}:{s.Key}", s => s.Value));
        return builder;
    }

    /// <summary>Binds the section; throws <see cref="AgentOptionsException"/> for values that do not parse.</summary>
    public static AgentOptions Read(IConfiguration configuration)
    {
        var options = Read(configuration, out var errors);
        if (errors.Count > 0)
            throw new AgentOptionsException(errors);
        return options;
    }

    /// <summary>Binds the section; <paramref name="errors"/> lists the values that do not parse (defaults stand in for them).</summary>
    public static AgentOptions Read(IConfiguration configuration, out List<string> errors)
    {
        var s = configuration.GetSection(Section);
        errors = [];
        var d = AgentOptions.Default;
        var token = s["Token"];
        if (string.IsNullOrEmpty(token) && s["TokenFile"] is { Length: > 0 } tokenFile)
        {
            if (File.Exists(tokenFile))
                token = File.ReadAllText(tokenFile).Trim();
            else
                errors.Add($"token file '{tokenFile}' does not exist (FLEETOPS_TOKEN_FILE, --token-file)");
        }
        var options = d with
        {
            ClusterId = s["ClusterId"]?.Trim() ?? "",
            Labels = ReadLabels(s, errors),
            Broker = ReadBroker(s["Broker"], errors),
            BrokerCa = Blank(s["BrokerCa"]),
            Token = string.IsNullOrEmpty(token) ? null : token,
            Kubeconfig = Blank(s["Kubeconfig"]),
            InCluster = ReadBool(s["InCluster"], "InCluster", errors),
            DataDir = Blank(s["DataDir"]) ?? d.DataDir,
            Git = new GitCredentialOptions(Blank(s["GitToken"]), Blank(s["GitUsername"]), Blank(s["GitSshKey"])),
            Source = Blank(s["SourceUrl"]) is { } url ? new SourceRef(url, Blank(s["SourceBranch"]) ?? "main") : null,
            TrustedKeys = new TrustedKeys(Blank(s["AllowedSignersFile"]), Blank(s["OpenPgpKeysFile"])),
            ReconcileInterval = ReadDuration(s["ReconcileInterval"], "ReconcileInterval", d.ReconcileInterval, errors),
            HealthTimeout = ReadDuration(s["HealthTimeout"], "HealthTimeout", d.HealthTimeout, errors),
            KubeRequestTimeout = ReadDuration(s["KubeRequestTimeout"], "KubeRequestTimeout", d.KubeRequestTimeout, errors),
            JournalLimit = ReadInt(s["JournalLimit"], "JournalLimit", d.JournalLimit, errors),
            Link = d.Link with { Heartbeat = ReadDuration(s["HeartbeatInterval"], "HeartbeatInterval", d.Link.Heartbeat, errors) },
            MetricsPort = s["MetricsPort"] is { } port && !string.IsNullOrWhiteSpace(port) && port.Trim() != "off" ? ReadInt(port, "MetricsPort", 0, errors) : null,
            MetricsHost = Blank(s["MetricsHost"]) ?? d.MetricsHost,
        };
        return options;
    }

    // An error names the setting as the person set it: environment variable or switch.
    private static string Named(string key) =>
        AgentSettings.All.FirstOrDefault(s => s.Key == key) is { } setting ? $"{setting.Env} / {setting.Switch}" : key;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Labels come either as a section (appsettings: "Labels": {"region": "east"}) or as one
    // "k=v,k2=v2" string (environment and command line).
    private static Dictionary<string, string> ReadLabels(IConfigurationSection s, List<string> errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var section = s.GetSection("Labels");
        foreach (var child in section.GetChildren())
        {
            if (child.Value is not null)
                labels[child.Key] = child.Value;
        }
        if (section.Value is { Length: > 0 } flat)
        {
            foreach (var pair in flat.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                    errors.Add($"label '{pair}' is not key=value (FLEETOPS_LABELS=region=east,ring=canary)");
                else
                    labels[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
            }
        }
        return labels;
    }

    private static Uri? ReadBroker(string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
            return uri;
        errors.Add($"broker '{value}' is not a URI: use mqtt://host:1883 or mqtts://host:8883 (FLEETOPS_BROKER, --broker)");
        return null;
    }

    private static bool ReadBool(string? value, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return false;
        if (bool.TryParse(value.Trim(), out var b))
            return b;
        errors.Add($"{Named(key)} '{value}' must be true or false");
        return false;
    }

    private static int ReadInt(string? value, string key, int fallback, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
            return i;
        errors.Add($"{Named(key)} '{value}' must be a whole number");
        return fallback;
    }

    /// <summary>A bare number is seconds ("300"); otherwise a TimeSpan ("00:05:00").</summary>
    internal static TimeSpan ReadDuration(string? value, string key, TimeSpan fallback, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        var v = value.Trim();
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        if (TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var span))
            return span;
        errors.Add($"{Named(key)} '{value}' is not a duration: give seconds (300) or hh:mm:ss (00:05:00)");
        return fallback;
    }
}
