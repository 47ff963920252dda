using FleetOps.Cli;
using FleetOps.Testing.Hub;

namespace FleetOps.Testing.Cli;

/// <summary>
/// Runs the <c>fleetops</c> CLI in-process with captured output and an environment the test controls:
/// 120 columns, no terminal (so no color), UTC, and no config file or variables from the machine running the tests.
/// </summary>
public static class CliRunner
{
    public const int Width = 120;

    /// <summary>A home folder with no config file in it, so the developer's own ~/.config/fleetops never leaks in.</summary>
    public static string NoHome { get; } = Path.Combine(Path.GetTempPath(), "fleetops-cli-tests-no-home");

    public static CliEnvironment Environment(TimeProvider? clock = null, IReadOnlyDictionary<string, string>? variables = null) => new()
    {
        Variables = variables ?? new Dictionary<string, string>(),
        Clock = clock ?? TimeProvider.System,
        TimeZone = TimeZoneInfo.Utc,
        IsTerminal = false,
        Width = Width,
        HomeDirectory = NoHome,
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The environment for talking to <paramref name="hub"/>: its address and admin token in the variables.</summary>
    public static CliEnvironment Environment(InProcessHub hub, TimeProvider? clock = null) => Environment(clock, new Dictionary<string, string>
    {
        ["FLEETOPS_HUB"] = hub.ApiAddress.ToString(),
        ["FLEETOPS_TOKEN"] = hub.Options.AdminToken,
    });

    public static async Task<CliResult> RunAsync(CliEnvironment env, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr, env);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
