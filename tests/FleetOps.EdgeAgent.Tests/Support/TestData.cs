namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>Paths of the YAML fixtures under testdata/ (copied beside the test assembly).</summary>
public static class TestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
