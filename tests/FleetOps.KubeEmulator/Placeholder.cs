namespace FleetOps.KubeEmulator;

internal static class Placeholder;
