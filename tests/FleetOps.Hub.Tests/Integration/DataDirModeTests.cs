using FleetOps.Testing.Hub;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// The hub's data dir holds the admin token, every cluster's token hash, state and journal: it is its owner's
/// only (0700, files 0600), made so on a fresh start and tightened at start when found looser.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task AFreshDataDirAndItsFilesAreTheOwnersOnly()
    {
        await using var scenario = await StartWithGeneratedTokenAsync();

        AssertPrivate(scenario.DataDir);
    }

    [Fact]
    public async Task LooserModesFoundAtStartAreTightened()
    {
        await using var scenario = await StartWithGeneratedTokenAsync();

        await scenario.RestartAsync(whileStopped: () =>
        {
            File.SetUnixFileMode(scenario.DataDir, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            foreach (var file in Directory.GetFiles(scenario.DataDir))
                File.SetUnixFileMode(file, PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        });

        AssertPrivate(scenario.DataDir);
    }

    /// <summary>No admin token in the settings, so the hub generates its token file as in production.</summary>
    private static Task<HubScenario> StartWithGeneratedTokenAsync() => HubScenario.StartAsync(refresh: false, hub: o => o with
    {
        Settings = new Dictionary<string, string?> { ["Hub:AdminToken"] = "" },
    });

    private static void AssertPrivate(string dataDir)
    {
        Assert.Equal(Private, File.GetUnixFileMode(dataDir));
        Assert.True(File.Exists(Path.Combine(dataDir, "hub.db")));
        Assert.True(File.Exists(Path.Combine(dataDir, "admin-token")));
        foreach (var file in Directory.GetFiles(dataDir))
            Assert.True(File.GetUnixFileMode(file) == PrivateFile, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
    }
}
