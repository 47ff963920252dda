namespace FleetOps.EdgeAgent.Hosting;

/// <summary>Runs the agent inside a generic host (Program.cs, systemd, a pod).</summary>
internal sealed class AgentHostedService(AgentRuntime runtime) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
