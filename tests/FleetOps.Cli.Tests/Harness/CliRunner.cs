namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// Runs the CLI in-process with captured output and an environment the test controls: 120 columns, no
/// terminal (so no color), UTC, and no config file or variables from the machine running the tests.
/// </summary>
public static class CliRunner
{
    public const int Width = 120;

    public static CliEnvironment Environment(TimeProvider? clock = null, IReadOnlyDictionary<string, string>? variables = null) => new()
    {
        Variables = variables ?? new Dictionary<string, string>(),
        Clock = clock ?? TimeProvider.System,
        TimeZone = TimeZoneInfo.Utc,
        IsTerminal = false,
        Width = Width,
        // A home folder that has no config file, so the developer's own ~/.config/fleetops never leaks in.
        HomeDirectory = Path.Combine(Path.GetTempPath(), "fleetops-cli-tests-no-home"),
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<CliResult> RunAsync(CliEnvironment env, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr, env);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
