namespace FleetOps.Simulator.Source;

/// <summary>The fleet-config folder the demo copies: the one given, or the repository's bundled <c>fleet-config/</c>.</summary>
public static class BundledFleetConfig
{
    /// <summary>Checks a given folder holds a fleet.yaml; without one, finds the bundled folder.</summary>
    public static string Resolve(string? given)
    {
        if (given is null)
            return Locate();
        return File.Exists(Path.Combine(given, "fleet.yaml"))
            ? Path.GetFullPath(given)
            : throw new DirectoryNotFoundException($"'{given}' holds no fleet.yaml; point at a fleet-config folder");
    }

    /// <summary>Finds the bundled folder from the working directory or the program's folder.</summary>
    public static string Locate()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "fleet-config");
                if (File.Exists(Path.Combine(candidate, "fleet.yaml")))
                    return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            "cannot find the bundled fleet-config/ folder: run from inside the FleetOps checkout or pass --fleet-config PATH");
    }
}
