namespace FleetOps.Hub.Tests.Harness;

/// <summary>Fixture files under testdata/, copied beside the test assembly.</summary>
public static class Testdata
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "testdata", relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
