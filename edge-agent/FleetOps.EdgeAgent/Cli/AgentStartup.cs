using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Hosting;
using Microsoft.Extensions.Hosting;

namespace FleetOps.EdgeAgent.Cli;

/// <summary>
/// Runs the agent as a service: every setting is read and checked before anything starts, and all problems
/// are reported together, once, one line each, without a stack trace (exit code 2).
/// </summary>
public static class AgentStartup
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> switches, IReadOnlyList<string> usageErrors, TextWriter stderr, IDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSystemd();
        builder.Configuration.AddFleetOpsSources(switches, environment);
        var options = AgentConfiguration.Read(builder.Configuration, out var errors);
        var problems = usageErrors.Concat(errors).Concat(Check(options)).ToList();
        if (problems.Count > 0)
        {
            stderr.WriteLine(new AgentOptionsException(problems).Message);
            stderr.WriteLine("  hint: fleetops-agent --help lists every setting with its environment variable, switch and default");
            return AgentExitCodes.Configuration;
        }
        builder.AddFleetOpsAgent(options);
        try
        {
            await builder.Build().RunAsync(cancellationToken).ConfigureAwait(false);
            return AgentExitCodes.Ok;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"fleetops-agent stopped: {e.Message}");
            return AgentExitCodes.Failed;
        }
    }

    /// <summary>The validator's rules, then what only the machine can tell: can the kubeconfig be used.</summary>
    public static IReadOnlyList<string> Check(AgentOptions options)
    {
        var problems = AgentOptionsValidator.Validate(options).ToList();
        var kubeconfigMissing = options.Kubeconfig is { } kc && !options.InCluster && !File.Exists(kc);
        if (!kubeconfigMissing && KubeConnection.Problem(options) is { } kube)
            problems.Add(kube);
        return problems;
    }
}
