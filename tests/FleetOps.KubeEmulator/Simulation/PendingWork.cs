using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>A controller step due at a time for one object; the generation guards against acting on a stale spec.</summary>
internal sealed record PendingWork(SimulationStep Step, ResourceType Type, string Namespace, string Name, DateTimeOffset Due, long Generation);
