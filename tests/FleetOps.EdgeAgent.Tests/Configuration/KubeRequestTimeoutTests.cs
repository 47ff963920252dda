using FleetOps.EdgeAgent.Configuration;
using Microsoft.Extensions.Configuration;

namespace FleetOps.EdgeAgent.Tests.Configuration;

/// <summary>How long a Kubernetes API request may go unanswered: a setting like the others.</summary>
public sealed class KubeRequestTimeoutTests
{
    private static AgentOptions Read(string[] args, Dictionary<string, string?> env)
    {
        var builder = new ConfigurationBuilder();
        builder.AddFleetOpsSources(args, env);
        return AgentConfiguration.Read(builder.Build());
    }

    [Fact]
    public void TheKubernetesRequestTimeoutComesFromTheEnvironmentOrTheCommandLineAndDefaultsToHttpClientsHundredSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(100), Read(["--cluster-id", "s1"], []).KubeRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), Read(["--cluster-id", "s1"], new() { ["FLEETOPS_KUBE_TIMEOUT"] = "20" }).KubeRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), Read(["--cluster-id", "s1", "--kube-timeout", "00:00:45"], []).KubeRequestTimeout);
    }

    [Fact]
    public void AKubernetesRequestTimeoutOfZeroIsRefusedWithTheSettingNamed()
    {
        var errors = AgentOptionsValidator.Validate(AgentOptions.Default with { ClusterId = "s1", KubeRequestTimeout = TimeSpan.Zero });

        Assert.Contains(errors, e => e.Contains("FLEETOPS_KUBE_TIMEOUT"));
    }
}
