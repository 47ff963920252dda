using FleetOps.Cli.Configuration;
using FleetOps.Cli.Tests.Harness;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Files;

namespace FleetOps.Cli.Tests.Config;

/// <summary>Where the hub URL and the token come from: --hub, then FLEETOPS_HUB, then the config file, then the default.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private readonly TempDir folder = new("fleetops-cli-config");

    private CliEnvironment Env(params (string Name, string Value)[] variables) =>
        CliRunner.Environment(variables: variables.ToDictionary(v => v.Name, v => v.Value)) with { HomeDirectory = folder.Sub("home") };

    private string WriteConfig(string json, string? path = null)
    {
        path ??= Path.Combine(folder.Sub("home"), ".config", "fleetops", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void WithNothingConfiguredTheDefaultHubIsUsedWithoutAToken()
    {
        var connection = ConnectionResolver.Resolve(null, null, Env());

        Assert.Equal(new Uri("http://localhost:5000/"), connection.BaseAddress);
        Assert.Equal("the default", connection.HubSource);
        Assert.Null(connection.Token);
    }

    [Fact]
    public void TheFlagBeatsTheVariableWhichBeatsTheConfigFile()
    {
        WriteConfig("""{"hub": "http://from-file:5000", "token": "file-token"}""");

        var file = ConnectionResolver.Resolve(null, null, Env());
        var variable = ConnectionResolver.Resolve(null, null, Env(("FLEETOPS_HUB", "http://from-env:5000"), ("FLEETOPS_TOKEN", "env-token")));
        var flag = ConnectionResolver.Resolve("http://from-flag:5000", null, Env(("FLEETOPS_HUB", "http://from-env:5000")));

        Assert.Equal(("from-file", "file-token"), (file.BaseAddress.Host, file.Token));
        Assert.StartsWith("\"hub\" in ", file.HubSource);
        Assert.Equal(("from-env", "env-token", "FLEETOPS_TOKEN"), (variable.BaseAddress.Host, variable.Token, variable.TokenSource));
        Assert.Equal(("from-flag", "--hub"), (flag.BaseAddress.Host, flag.HubSource));
        Assert.Equal("file-token", flag.Token);
    }

    [Fact]
    public void XdgConfigHomeIsWhereTheConfigFileLivesWhenSet()
    {
        var path = WriteConfig("""{"hub": "http://xdg:5000"}""", Path.Combine(folder.Sub("xdg"), "fleetops", "config.json"));

        var connection = ConnectionResolver.Resolve(null, null, Env(("XDG_CONFIG_HOME", folder.Sub("xdg"))));

        Assert.Equal("xdg", connection.BaseAddress.Host);
        Assert.Equal(path, connection.ConfigPath);
    }

    [Fact]
    public void TheConfigFileMayHoldCommentsTrailingCommasAndAnyKeyCase()
    {
        var path = WriteConfig("""
            {
              // the staging hub
              "Hub": "hub.staging.example:5000",
              "TOKEN": "abc",
            }
            """, folder.Sub("custom.json"));

        var connection = ConnectionResolver.Resolve(null, path, Env());

        Assert.Equal(new Uri("http://hub.staging.example:5000/"), connection.BaseAddress);
        Assert.Equal("abc", connection.Token);
    }

    [Theory]
    [InlineData("http://hub:5000", "http://hub:5000/")]
    [InlineData("hub.example:5000", "http://hub.example:5000/")]
    [InlineData("https://ops.example/fleetops", "https://ops.example/fleetops/")]
    public void HubUrlsResolveApiPathsBelowThem(string text, string expected) =>
        Assert.Equal(new Uri(expected), ConnectionResolver.ParseHubUrl(text, "--hub"));

    [Fact]
    public async Task AConfigFileNamedWithConfigMustExist()
    {
        var result = await CliRunner.RunAsync(Env(), "status", "--config", folder.Sub("missing.json"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("missing.json' does not exist", result.Stderr);
    }

    [Fact]
    public async Task ABrokenConfigFileIsNamedWithItsLine()
    {
        var path = WriteConfig("{\n  \"hub\": \"http://hub:5000\"\n  \"token\": \"x\"\n}");

        var result = await CliRunner.RunAsync(Env(), "status");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains($"config file '{path}:3' is not valid", result.Stderr);
    }

    [Fact]
    public async Task AHubUrlThatIsNotHttpIsAUsageError()
    {
        var result = await CliRunner.RunAsync(Env(("FLEETOPS_HUB", "ftp://hub")), "status");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("hub URL 'ftp://hub' (from FLEETOPS_HUB) is not an http or https URL", result.Stderr);
    }

    public void Dispose() => folder.Dispose();
}
