namespace FleetOps.Shared.Tests;

/// <summary>Finds the checkout's root (the folder holding FleetOps.sln) from the test assembly's folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FleetOps.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no FleetOps.sln above {AppContext.BaseDirectory}");
    }
}
