using FleetOps.Cli.Commands;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Cli;

namespace FleetOps.Cli.Tests.Tables;

/// <summary>
/// What agents write (journal kinds and details, status messages, unhealthy objects) reaches an operator's
/// terminal without its control characters: an <c>ESC[2J</c> in a journal detail once cleared the screen of
/// whoever ran <c>fleetops history</c>. The words stay; only the controls go.
/// </summary>
public sealed class TerminalSafetyTests
{
    private const string Hostile = "clear\u001b[2J title\u001b]0;owned\u0007 back\rover\b bell\u0007 csi\u009b31m bidi\u202Eevil\u202C end";

    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AJournalsKindAndDetailReachTheTerminalWithoutControlCharacters(bool terminal)
    {
        var page = new HistoryPage("store-0042", null, null,
            [new EventView(1, At, "Applied\u001b[2J", "platform", null, Hostile)], false);

        var output = Render(terminal, screen => HistoryView.Write(screen, page, wide: true));

        AssertSafe(output, terminal);
        Assert.Contains("clear[2J", output);
        Assert.Contains("Applied[2J", output);
        if (!terminal)
        {
            // Cleaned before the table is laid out: the columns stay aligned under their headers.
            var lines = output.Split('\n');
            var header = lines.Single(l => l.StartsWith("AT ", StringComparison.Ordinal));
            var row = lines.Single(l => l.Contains("Applied[2J", StringComparison.Ordinal));
            Assert.Equal(header.IndexOf("GROUP", StringComparison.Ordinal), row.IndexOf("platform", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AClustersStatusMessagesAndUnhealthyObjectsReachTheTerminalWithoutControlCharacters(bool terminal)
    {
        var group = new ClusterGroupView("platform", "platform", null, null, null, Phase.Degraded, Reasons.HealthCheckFailed, Hostile,
            new ResourceCounts(2, 1), [new UnhealthyObject("Deployment/pos/api\u001b[2J", Hostile)], At, Phase.Degraded);
        var cluster = new ClusterDetail("store-0042", new Dictionary<string, string> { ["region"] = "east" }, Phase.Degraded,
            new PresenceView(PresenceState.Online, At), At, false, At, 3, 3, "agent\u001b[2J", "v1.31\u001b]0;x\u0007", 0, [group],
            [new EventView(1, At, "Applied", "platform", null, Hostile)], Phase.Degraded);

        var output = Render(terminal, screen => ClusterDetailView.Write(screen, cluster, wide: false));

        AssertSafe(output, terminal);
        Assert.Contains("clear[2J", output);
    }

    [Fact]
    public void ErrorsAndProgressOnStderrCarryNoControlCharacters()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var runtime = new CliRuntime(CliRunner.Environment(), stdout, stderr);

        runtime.WriteError(new CliException(ExitCodes.Error, $"the hub said: {Hostile}", [Hostile]));
        runtime.WriteProgress(Hostile);

        AssertSafe(stderr.ToString(), terminal: false);
        Assert.Contains("clear[2J", stderr.ToString());
    }

    private static string Render(bool terminal, Action<Screen> write)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        var screen = Screen.Create(stdout, CliRunner.Environment() with { IsTerminal = terminal });
        write(screen);
        screen.Flush();
        return stdout.ToString();
    }

    /// <summary>No control character but the line feed; on a terminal, escapes only as the colors the CLI itself writes (SGR).</summary>
    private static void AssertSafe(string output, bool terminal)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            if (c == '\n')
                continue;
            if (c == '\u001b' && terminal)
            {
                var end = i + 2;
                while (end < output.Length && (char.IsAsciiDigit(output[end]) || output[end] == ';'))
                    end++;
                Assert.True(i + 1 < output.Length && output[i + 1] == '[' && end < output.Length && output[end] == 'm',
                    $"an escape other than a color at {i}: {Visible(output.Substring(i, Math.Min(12, output.Length - i)))}");
                i = end;
                continue;
            }
            Assert.False(char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069',
                $"control character U+{(int)c:X4} at {i} in: {Visible(output)}");
        }
    }

    private static string Visible(string text) => string.Concat(text.Select(c => char.IsControl(c) && c != '\n' ? $"\\u{(int)c:X4}" : c.ToString()));
}
