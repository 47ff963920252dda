using System.Text.RegularExpressions;
using FleetOps.EdgeAgent.Cli;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;

namespace FleetOps.EdgeAgent.Tests.Cli;

public sealed class AgentCommandLineTests : IDisposable
{
    private readonly TempDir dir = new();

    [Fact]
    public async Task HelpListsEverySettingWithItsEnvironmentVariableSwitchAndDefaultAndExitsZero()
    {
        var run = await AgentRun.RunAsync(["--help"]);

        Assert.Equal(AgentExitCodes.Ok, run.ExitCode);
        Assert.Empty(run.Err);
        foreach (var setting in AgentSettings.All)
        {
            var line = Assert.Single(run.Out.Split('\n'), l => l.TrimStart().StartsWith(setting.Switch + " ", StringComparison.Ordinal));
            Assert.Contains($"[env: {setting.Env}]", line);
            Assert.Contains($"[default: {setting.Default}]", line);
            Assert.Contains(setting.Description, line);
        }
        Assert.Contains("status", run.Out);
        Assert.Contains("history", run.Out);
        Assert.Contains("2 invalid settings", run.Out);
    }

    [Fact]
    public async Task VersionPrintsTheAgentsVersionAndExitsZero()
    {
        var run = await AgentRun.RunAsync(["--version"]);

        Assert.Equal(AgentExitCodes.Ok, run.ExitCode);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), run.Out.Trim());
    }

    [Fact]
    public async Task EveryConfigurationProblemIsReportedOnceTogetherWithoutAStackTrace()
    {
        var run = await AgentRun.RunAsync(["--bogus", "--reconcile-interval", "soon"], new()
        {
            ["FLEETOPS_JOURNAL_LIMIT"] = "lots",
            ["FLEETOPS_BROKER"] = "mqtt://hub:1883",
            ["FLEETOPS_KUBECONFIG"] = dir.Sub("missing-kubeconfig"),
        });

        Assert.Equal(AgentExitCodes.Configuration, run.ExitCode);
        Assert.Empty(run.Out);
        string[] expected =
        [
            "'--bogus'",
            "FLEETOPS_RECONCILE_INTERVAL / --reconcile-interval 'soon' is not a duration",
            "FLEETOPS_JOURNAL_LIMIT / --journal-limit 'lots' must be a whole number",
            "FLEETOPS_CLUSTER_ID",
            "a broker is set but no token",
            "a broker is set but no source",
            $"kubeconfig '{dir.Sub("missing-kubeconfig")}' does not exist",
        ];
        var problems = run.Err.Split('\n').Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        foreach (var text in expected)
            Assert.Single(problems, p => p.Contains(text, StringComparison.Ordinal));
        Assert.Equal(expected.Length, problems.Count);
        Assert.Single(Regex.Matches(run.Err, "configuration is invalid"));
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public async Task AKubeconfigThatCannotBeUsedIsOneLineThatSaysWhatToSet()
    {
        var kubeconfig = dir.Write("kubeconfig", "apiVersion: v1\nkind: Config\nclusters: []\n");
        var run = await AgentRun.RunAsync(["--cluster-id", "store-0042", "--data-dir", dir.Sub("data"), "--kubeconfig", kubeconfig]);

        Assert.Equal(AgentExitCodes.Configuration, run.ExitCode);
        var problem = Assert.Single(run.Err.Split('\n'), l => l.StartsWith("  - ", StringComparison.Ordinal));
        Assert.Equal($"  - cannot use kubeconfig '{kubeconfig}': it has no current-context; set FLEETOPS_KUBECONFIG / --kubeconfig to the cluster's kubeconfig (k3s: /etc/rancher/k3s/k3s.yaml), or FLEETOPS_IN_CLUSTER=true inside a pod", problem);
        Assert.False(Directory.Exists(dir.Sub("data")), "nothing starts, so no data dir is made");
    }

    [Fact]
    public async Task TheBuiltAgentExitsWithTheConfigurationCodeAndNoStackTraceWhenItsKubeconfigIsMissing()
    {
        using var agent = AgentProcess.Start(new Dictionary<string, string>
        {
            ["FLEETOPS_CLUSTER_ID"] = "store-0042",
            ["FLEETOPS_DATA_DIR"] = dir.Sub("data"),
            ["KUBECONFIG"] = dir.Sub("nowhere", "config"),
        });

        await Eventually.TrueAsync(() => agent.HasExited, "the agent refuses to start", timeout: TimeSpan.FromSeconds(60));
        using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await agent.WaitForExitAsync(drained.Token);
        Assert.Equal(AgentExitCodes.Configuration, agent.ExitCode);
        // The case from the field: no kubeconfig where the default points, once printed as ~20 frames and a stray ".;".
        Assert.Single(Regex.Matches(agent.Output, "cannot use kubeconfig"));
        Assert.DoesNotContain(".;", agent.Output);
        Assert.DoesNotContain("   at ", agent.Output);
        Assert.DoesNotContain("Exception", agent.Output);
    }

    [Fact]
    public void TheReadmesSettingsTableListsEverySettingsVariableSwitchAndDefault()
    {
        var readme = File.ReadAllLines(Checkout.PathOf("edge-agent", "README.md"));
        foreach (var setting in AgentSettings.All)
        {
            var row = Assert.Single(readme, l => l.StartsWith('|') && l.Contains($"| `{setting.Env}` | `{setting.Switch}` |", StringComparison.Ordinal));
            Assert.Contains($"`{setting.Switch}`", row);
            Assert.Contains(setting.Default, row);
        }
    }

    public void Dispose() => dir.Dispose();
}
