using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Link;
using FleetOps.EdgeAgent.Metrics;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Rendering;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Hosting;

/// <summary>
/// Starts and stops one agent's moving parts in order: reconciling first (it needs nothing else),
/// then the sender and the link. Stopping says <c>offline</c> before the link closes.
/// </summary>
public sealed class AgentRuntime(
    AgentOptions options,
    IAgentStore store,
    AgentSupervisor supervisor,
    StatusBoard board,
    HubSession session,
    IHubLink link,
    ILogger<AgentRuntime> logger,
    RendererDetection? renderer = null,
    MetricsEndpoint? metrics = null)
{
    private readonly CancellationTokenSource stopping = new();
    private Task? sender;
    private bool started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (started)
            return;
        started = true;
        AgentOptionsValidator.ThrowIfInvalid(options);
        store.Appended += session.Kick;
        board.Changed += session.StatusChanged;
        store.Append(JournalEventKinds.AgentStarted, detail: $"last seq {store.LastSeq}, {store.PendingCount} events unacknowledged");
        logger.LogInformation("Starting agent {ClusterId}: data dir {DataDir}, broker {Broker}, source {Source}", options.ClusterId, options.DataDir, options.Broker?.ToString() ?? "none",
            options.Source is { } source ? $"{SourceUrls.Redact(source.Url)} ({source.Branch})" : "none (cached revisions only)");
        if (options.TrustedKeys.IsEmpty)
            logger.LogWarning("Revisions are not verified: no trusted keys are configured (FLEETOPS_ALLOWED_SIGNERS, FLEETOPS_OPENPGP_KEYS), so this store applies any revision the hub names");
        else
            logger.LogInformation("Revisions are verified: a revision is applied only when signed by one of the {Keys}", options.TrustedKeys.ToString());
        // In the background: building the exporter takes a moment, and reconciling must not wait for it.
        if (metrics is not null)
            _ = Task.Run(metrics.Start, CancellationToken.None);
        if (renderer is not null)
            _ = ReportRendererAsync(renderer);
        supervisor.Start();
        sender = Task.Run(() => session.RunAsync(stopping.Token), CancellationToken.None);
        await link.StartAsync(session, cancellationToken).ConfigureAwait(false);
    }

    // Detected in the background (the agent reconciles plain YAML without any), told once in the log and in every hello.
    private async Task ReportRendererAsync(RendererDetection detection)
    {
        var found = await detection.DetectAsync(stopping.Token).ConfigureAwait(false);
        if (found.Usable)
            logger.LogInformation("Rendering kustomize overlays with {Renderer}", found.Describe());
        else
            logger.LogError("No kustomize renderer this store can use: {Problem}; groups whose folder has a kustomization fail with RenderFailed until one is installed", found.Problem);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!started || stopping.IsCancellationRequested)
            return;
        logger.LogInformation("Stopping agent {ClusterId}", options.ClusterId);
        await link.StopAsync(cancellationToken).ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        await supervisor.StopAsync().ConfigureAwait(false);
        if (sender is not null)
            await sender.ConfigureAwait(false);
        store.Appended -= session.Kick;
        board.Changed -= session.StatusChanged;
        metrics?.Dispose();
    }
}
