namespace FleetOps.Testing.Files;

/// <summary>Fixture files under testdata/, copied beside the test assembly (the kit adds its own fleet-repo there).</summary>
public static class TestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata");

    /// <summary>The path of a fixture; an absolute path is returned as it is.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
