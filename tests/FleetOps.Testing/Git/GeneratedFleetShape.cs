namespace FleetOps.Testing.Git;

/// <summary>
/// How big and how old a <see cref="GeneratedFleetRepo"/> is: <paramref name="Files"/> manifests (ten to an app folder,
/// ten apps to a team folder), <paramref name="History"/> commits after the first, each changing one to five of them, and
/// a lightweight tag every <paramref name="TagEvery"/> commits (0: none), as a team that tags its releases has.
/// </summary>
public sealed record GeneratedFleetShape(int Files, int History, int TagEvery = 0);
