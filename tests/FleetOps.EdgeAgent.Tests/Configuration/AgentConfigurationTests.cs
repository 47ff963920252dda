using FleetOps.EdgeAgent.Configuration;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Configuration;

namespace FleetOps.EdgeAgent.Tests.Configuration;

public sealed class AgentConfigurationTests
{
    private static AgentOptions Read(string[] args, Dictionary<string, string?>? env = null, Dictionary<string, string?>? appsettings = null)
    {
        var builder = new ConfigurationBuilder();
        builder.AddInMemoryCollection(appsettings ?? []);
        builder.AddFleetOpsSources(args, env ?? []);
        return AgentConfiguration.Read(builder.Build());
    }

    [Fact]
    public void EnvironmentVariablesFillEverySetting()
    {
        var o = Read([], new()
        {
            ["FLEETOPS_CLUSTER_ID"] = "store-0042",
            ["FLEETOPS_LABELS"] = "region=east, ring=canary",
            ["FLEETOPS_BROKER"] = "mqtts://hub.example:8883",
            ["FLEETOPS_TOKEN"] = "s3cret",
            ["FLEETOPS_DATA_DIR"] = "/tmp/x",
            ["FLEETOPS_GIT_TOKEN"] = "ghp_x",
            ["FLEETOPS_RECONCILE_INTERVAL"] = "120",
            ["FLEETOPS_HEALTH_TIMEOUT"] = "00:02:30",
            ["FLEETOPS_JOURNAL_LIMIT"] = "500",
            ["FLEETOPS_HEARTBEAT_INTERVAL"] = "240",
        });
        Assert.Equal("store-0042", o.ClusterId);
        Assert.Equal("east", o.Labels["region"]);
        Assert.Equal("canary", o.Labels["ring"]);
        Assert.Equal(new Uri("mqtts://hub.example:8883"), o.Broker);
        Assert.Equal("s3cret", o.Token);
        Assert.Equal("/tmp/x", o.DataDir);
        Assert.Equal("ghp_x", o.Git.Token);
        Assert.Equal(TimeSpan.FromMinutes(2), o.ReconcileInterval);
        Assert.Equal(TimeSpan.FromSeconds(150), o.HealthTimeout);
        Assert.Equal(500, o.JournalLimit);
        Assert.Equal(TimeSpan.FromMinutes(4), o.Link.Heartbeat);
    }

    [Fact]
    public void CommandLineWinsOverEnvironmentWhichWinsOverAppsettings()
    {
        var o = Read(
            ["--cluster-id", "from-cli"],
            new() { ["FLEETOPS_CLUSTER_ID"] = "from-env", ["FLEETOPS_DATA_DIR"] = "/env" },
            new() { ["FleetOps:ClusterId"] = "from-file", ["FleetOps:DataDir"] = "/file", ["FleetOps:Labels:zone"] = "a" });
        Assert.Equal("from-cli", o.ClusterId);
        Assert.Equal("/env", o.DataDir);
        Assert.Equal("a", o.Labels["zone"]);
    }

    [Fact]
    public void DefaultsAreFiveMinutesForIntervalAndHealthTimeout()
    {
        var o = Read(["--cluster-id", "s1"]);
        Assert.Equal(TimeSpan.FromMinutes(5), o.ReconcileInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), o.HealthTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), o.Link.Heartbeat);
        Assert.Null(o.Broker);
    }

    [Fact]
    public void UnparsableValuesAreListedWithWhatToDo()
    {
        var e = Assert.Throws<AgentOptionsException>(() => Read(["--reconcile-interval", "soon", "--broker", "::nope"]));
        Assert.Contains(e.Errors, m => m.Contains("FLEETOPS_RECONCILE_INTERVAL / --reconcile-interval 'soon'") && m.Contains("hh:mm:ss"));
        Assert.Contains(e.Errors, m => m.Contains("broker '::nope'"));
    }

    [Fact]
    public void ValidationExplainsABadClusterIdAndAMissingToken()
    {
        var errors = AgentOptionsValidator.Validate(AgentOptions.Default with { ClusterId = "Store_1", Broker = new Uri("mqtt://hub:1883") });
        Assert.Contains(errors, m => m.Contains("cluster id 'Store_1' is not valid") && m.Contains("FLEETOPS_CLUSTER_ID"));
        Assert.Contains(errors, m => m.Contains("FLEETOPS_TOKEN"));
    }

    [Fact]
    public void ValidationRefusesABrokerThatIsNotMqtt()
    {
        var errors = AgentOptionsValidator.Validate(AgentOptions.Default with { ClusterId = "s1", Broker = new Uri("http://hub"), Token = "t" });
        Assert.Contains(errors, m => m.Contains("mqtt:// or mqtts://"));
    }

    [Fact]
    public void SecretsNeverAppearInToString()
    {
        var o = AgentOptions.Default with
        {
            ClusterId = "s1",
            Token = "s3cret",
            Git = new GitCredentialOptions(Token: "ghp_secret"),
            Source = new SourceRef("https://x-access-token:ghp_inurl@git.example/fleet.git", "main"),
        };
        Assert.DoesNotContain("s3cret", o.ToString());
        Assert.DoesNotContain("ghp_secret", o.Git.ToString());
        Assert.DoesNotContain("ghp_inurl", o.ToString());
    }

    [Fact]
    public void TheSourceAndTrustedKeysComeFromTheAgentsOwnSettings()
    {
        using var dir = new TempDir();
        var signers = dir.Write("allowed_signers", "ops@example.invalid ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBT2mb1eaDGVEt0yQSlj/LAp1uDIs39yEQftQ/XOi/bx\n");
        var o = Read(["--source-branch", "stores"], new()
        {
            ["FLEETOPS_SOURCE_URL"] = "https://git.example/fleet.git",
            ["FLEETOPS_ALLOWED_SIGNERS"] = signers,
            ["FLEETOPS_OPENPGP_KEYS"] = dir.Sub("keys.asc"),
        });
        Assert.Equal(new SourceRef("https://git.example/fleet.git", "stores"), o.Source);
        Assert.Equal(new TrustedKeys(signers, dir.Sub("keys.asc")), o.TrustedKeys);
        Assert.Equal("main", Read([], new() { ["FLEETOPS_SOURCE_URL"] = "https://git.example/fleet.git" }).Source!.Branch);
    }

    [Fact]
    public void ValidationWantsASourceWithABrokerAndReadableKeyFiles()
    {
        using var dir = new TempDir();
        var errors = AgentOptionsValidator.Validate(AgentOptions.Default with
        {
            ClusterId = "s1",
            Broker = new Uri("mqtt://hub:1883"),
            Token = "t",
            TrustedKeys = new TrustedKeys(dir.Sub("missing_signers"), null),
        });
        Assert.Contains(errors, m => m.Contains("no source: set FLEETOPS_SOURCE_URL") && m.Contains("never from a URL the hub sends"));
        Assert.Contains(errors, m => m.Contains("missing_signers") && m.Contains("FLEETOPS_ALLOWED_SIGNERS"));
    }
}
