using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Tests.Unit;

public sealed class AdminTokenTests
{
    [Fact]
    public void AGeneratedTokenIsWrittenOwnerOnlyAndKeptAcrossRestarts()
    {
        using var folder = new TempDir();
        var options = Options.Create(new HubOptions { DataDir = folder.Path });

        var first = new AdminToken(options, NullLogger<AdminToken>.Instance);
        var path = Path.Combine(folder.Path, AdminToken.FileName);
        var token = File.ReadAllText(path).Trim();

        Assert.True(first.Accepts(token));
        Assert.False(first.Accepts(token + "x"));
        Assert.False(first.Accepts(null));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.True(new AdminToken(options, NullLogger<AdminToken>.Instance).Accepts(token));
    }

    [Fact]
    public void AConfiguredTokenWinsAndNothingIsWritten()
    {
        using var folder = new TempDir();
        var token = new AdminToken(Options.Create(new HubOptions { DataDir = folder.Path, AdminToken = "configured-token" }), NullLogger<AdminToken>.Instance);

        Assert.True(token.Accepts("configured-token"));
        Assert.False(File.Exists(Path.Combine(folder.Path, AdminToken.FileName)));
    }
}
