namespace FleetOps.Shared.Contracts;

public static class WireVersion
{
    /// <summary>The only major version this build speaks. Minor additions are new optional fields.</summary>
    public const int Current = 1;
}
