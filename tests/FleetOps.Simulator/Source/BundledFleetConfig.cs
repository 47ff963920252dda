namespace FleetOps.Simulator.Source;

/// <summary>Finds the repository's bundled <c>fleet-config/</c> from the working directory or the program's folder.</summary>
public static class BundledFleetConfig
{
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
