namespace FleetOps.Cli.Tests.Harness;

/// <summary>Fixture files beside the test assembly, and the checkout's own copy of them (for updating golden files).</summary>
public static class TestPaths
{
    public static string Testdata(string relative) => Path.Combine(AppContext.BaseDirectory, "testdata", relative);

    public static string SourceTestdata(string relative) => Path.Combine(RepositoryRoot, "tests", "FleetOps.Cli.Tests", "testdata", relative);

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FleetOps.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no FleetOps.sln above {AppContext.BaseDirectory}");
    }
}
