using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Tests.Infrastructure;

/// <summary>KubernetesClient sends an apply patch body as JSON (as the agent does), so YAML fixtures are converted first.</summary>
public static class Yaml
{
    public static string ToJson(string yaml) => YamlJson.Parse(yaml)!.ToJsonString();
}
