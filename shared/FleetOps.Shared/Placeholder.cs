namespace FleetOps.Shared;

internal static class Placeholder;
