using FleetOps.Testing.Files;
using PuppeteerSharp;

namespace FleetOps.Testing.Web;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol by PuppeteerSharp; never a downloaded browser
/// (none is reachable from CI). Launch one per test class or collection and open a <see cref="HubTab"/> per test:
/// each tab has a browser context of its own, so no two tests share cookies.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly TempDir profile;

    private Chromium(IBrowser browser, TempDir profile)
    {
        Browser = browser;
        this.profile = profile;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: the web view's tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it)");
        var profile = new TempDir("fleetops-chromium");
        try
        {
            var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                UserDataDir = profile.Path,
                // CI runs as root, where chromium's sandbox cannot start; /dev/shm is small in containers.
                Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-extensions", "--hide-scrollbars"],
                Timeout = 60_000,
            });
            return new Chromium(browser, profile);
        }
        catch
        {
            profile.Dispose();
            throw;
        }
    }

    /// <summary>A new tab in a browser context of its own (its own cookies), <paramref name="width"/> CSS pixels wide, on the hub at <paramref name="hub"/>.</summary>
    public async Task<HubTab> OpenAsync(Uri hub, int width = 1280, int height = 900)
    {
        var context = await Browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        page.DefaultTimeout = (int)HubTab.Timeout.TotalMilliseconds;
        page.DefaultNavigationTimeout = (int)HubTab.Timeout.TotalMilliseconds;
        return new HubTab(context, page, hub);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        await Browser.DisposeAsync();
        profile.Dispose();
    }
}
