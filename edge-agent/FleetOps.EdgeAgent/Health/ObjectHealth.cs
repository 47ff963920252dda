namespace FleetOps.EdgeAgent.Health;

/// <summary>One object's health and, when not healthy, a sentence saying why.</summary>
public sealed record ObjectHealth(HealthState State, string Message)
{
    public static readonly ObjectHealth Healthy = new(HealthState.Healthy, "");

    public bool IsHealthy => State == HealthState.Healthy;

    public static ObjectHealth InProgress(string message) => new(HealthState.InProgress, message);

    public static ObjectHealth Failed(string message) => new(HealthState.Failed, message);
}
