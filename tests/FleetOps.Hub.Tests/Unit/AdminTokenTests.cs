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

    [Fact]
    public void TheWebSessionValueIsNotTheTokenIsStableAndChangesWithTheToken()
    {
        using var folder = new TempDir();
        AdminToken With(string token) => new(Options.Create(new HubOptions { DataDir = folder.Path, AdminToken = token }), NullLogger<AdminToken>.Instance);
        var first = With("configured-token");

        Assert.DoesNotContain("configured-token", first.SessionValue);
        Assert.False(first.Accepts(first.SessionValue));
        Assert.True(first.AcceptsSession(first.SessionValue));
        Assert.False(first.AcceptsSession("configured-token"));
        Assert.False(first.AcceptsSession(null));
        Assert.Equal(first.SessionValue, With("configured-token").SessionValue);
        Assert.False(With("another-token").AcceptsSession(first.SessionValue));
    }
}
