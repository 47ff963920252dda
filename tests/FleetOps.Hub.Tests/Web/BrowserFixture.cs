using FleetOps.Testing.Web;

namespace FleetOps.Hub.Tests.Web;

/// <summary>Launches Debian's chromium once for the web tests and closes it after them.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync() => Chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await Chromium.DisposeAsync();
}
