using System.Text.RegularExpressions;
using FleetOps.Simulator.Demo;
using FleetOps.Testing.Files;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using FleetOps.Testing.Web;

namespace FleetOps.Scenarios.Tests.Web;

/// <summary>
/// The README's demo, seen in a browser: its banner names the web view, and the overview lists the demo's groups with
/// the counts the API gives. With FLEETOPS_WEB_SCREENSHOT set it saves the overview there (docs/web-overview.png is made so).
/// </summary>
public sealed partial class DemoWebViewTests
{
    private const int Stores = 4;

    [Fact]
    public async Task TheDemosBannerNamesTheWebViewWhoseOverviewCountsTheDemosStores()
    {
        using var folder = new TempDir("fleetops-demo-web");
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var demo = new DemoRunner(new DemoOptions { Stores = Stores, Directory = folder.Path, HttpPort = 0, MqttPort = 0, TlsPort = 0 }, TextWriter.Synchronized(output));
        var running = demo.RunAsync(stop.Token);
        try
        {
            await Eventually.UntilAsync(() => running.IsCompleted || output.ToString().Contains($"{Stores}/{Stores} converged", StringComparison.Ordinal),
                "the demo's stores converge", TimeSpan.FromSeconds(120));
            Assert.False(running.IsCompleted, "the demo ended before it was stopped:\n" + output);
            var url = new Uri(WebViewLine().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no 'web view:' line in the banner:\n" + output));
            var token = File.ReadAllText(Path.Combine(folder.Path, "admin-token")).Trim();

            await using var chromium = await Chromium.LaunchAsync();
            await using var tab = await chromium.OpenAsync(url, width: 1100, height: 760);
            await tab.LogInAsync(token);

            using var client = HubClients.For(url, token);
            var groups = await client.GetGroupsAsync(default);
            Assert.Equal(["platform", "pos-east", "pos-west", "kitchen-display", "menu-board"], groups.Select(g => g.Name));
            await Eventually.UntilAsync(async () =>
            {
                var shown = await tab.Page.EvaluateExpressionAsync<string[]>(
                    "[...document.querySelectorAll('tr[data-group]')].map(r => r.dataset.group + ' ' + r.querySelector('.total').textContent.trim() + ' ' + (r.querySelector('.count.phase-converged')?.textContent ?? ''))");
                var fromApi = (await client.GetGroupsAsync(default)).Select(g => $"{g.Name} {g.Members.Total} {(g.Members.Converged > 0 ? $"{g.Members.Converged} converged" : "")}").ToArray();
                return shown.SequenceEqual(fromApi);
            }, "the overview shows every group with all its members converged, as the API counts them");
            Assert.Equal($"{Stores} clusters", await tab.TextAsync("#totals h2"));

            var screenshot = Environment.GetEnvironmentVariable("FLEETOPS_WEB_SCREENSHOT") is { Length: > 0 } wanted
                ? Path.GetFullPath(wanted)
                : Path.Combine(folder.Path, "web-overview.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await tab.Page.ScreenshotAsync(screenshot, new PuppeteerSharp.ScreenshotOptions { FullPage = true });
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(screenshot)[..4]);
        }
        finally
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    [GeneratedRegex(@"^web view: (\S+)", RegexOptions.Multiline)]
    private static partial Regex WebViewLine();
}
