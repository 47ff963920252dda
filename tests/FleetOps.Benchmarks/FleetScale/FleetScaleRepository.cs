using FleetOps.Testing.Git;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>The benchmark's fleet-config: one group every store is in, whose ConfigMap each release changes.</summary>
public static class FleetScaleRepository
{
    public const string Group = "pos";

    public static GitRepo Create(string path)
    {
        var repository = GitRepo.Create(path).Write("fleet.yaml", $$"""
            apiVersion: fleetops/v1
            groups:
              - name: {{Group}}
                path: pos
                selector: {}
            """);
        WriteRelease(repository, 1).Commit("Benchmark fleet");
        return repository;
    }

    /// <summary>A release: new ConfigMap data, so the rendered digest (and each store's desired state) changes.</summary>
    public static GitRepo WriteRelease(GitRepo repository, int release) =>
        repository.Write("pos/config.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pos\n  namespace: default\ndata:\n  release: \"{release}\"\n");
}
