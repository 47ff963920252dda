namespace FleetOps.Hub.Web.Models;

/// <summary>One step of a <see cref="ConvergenceCurve"/>: <see cref="Converged"/> members had converged <see cref="After"/> the target moved.</summary>
public sealed record ConvergencePoint(TimeSpan After, int Converged);
