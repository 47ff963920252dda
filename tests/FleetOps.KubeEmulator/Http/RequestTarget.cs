using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.Http;

/// <summary>A resource URL taken apart: which resource, namespace, object and subresource, and whether it is a watch.</summary>
internal sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool WatchPath);
