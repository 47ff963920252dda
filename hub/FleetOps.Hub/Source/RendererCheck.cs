using FleetOps.Shared.Rendering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Source;

/// <summary>
/// At start, says which kustomize tool the hub renders with and its version, or, as an error, why it has none it
/// can use (none found, or only one older than kustomize v5): kustomize groups then fail to render with that message,
/// and plain YAML groups go on. /readyz and <c>fleetops status</c> show the same.
/// </summary>
internal sealed class RendererCheck(RendererDetection detection, ILogger<RendererCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var renderer = await detection.DetectAsync(cancellationToken);
        if (renderer.Usable)
            logger.LogInformation("Rendering kustomize overlays with {Renderer}", renderer.Describe());
        else
            logger.LogError("No kustomize renderer the hub can use: {Problem}; groups whose folder has a kustomization fail to render until one is installed", renderer.Problem);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
