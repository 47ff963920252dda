namespace FleetOps.Testing.Files;

/// <summary>The FleetOps checkout the tests run from: the folder holding FleetOps.sln above the test assembly.</summary>
public static class Checkout
{
    public static string Root { get; } = Find();

    /// <summary>A path inside the checkout, such as <c>Checkout.PathOf("fleet-config")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A project's build output for the configuration and framework this test assembly was built with.</summary>
    public static string BuildOutput(string project, string fileName)
    {
        var here = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var path = PathOf(project, "bin", here.Parent!.Name, here.Name, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first: {path} is missing", path);
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FleetOps.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no FleetOps.sln above {AppContext.BaseDirectory}");
    }
}
