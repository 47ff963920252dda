using k8s;

namespace FleetOps.KubeEmulator.Tests.Infrastructure;

/// <summary>Reads the YAML fixtures under testdata/.</summary>
public static class Testdata
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "testdata", name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    public static T Load<T>(string name) => KubernetesYaml.Deserialize<T>(Read(name));
}
