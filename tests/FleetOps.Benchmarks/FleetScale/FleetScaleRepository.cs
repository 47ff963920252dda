using System.Text;
using FleetOps.Testing.Git;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// The benchmark's fleet-config: the groups of a <see cref="FleetShape"/>, all on one folder whose ConfigMap each release
/// changes, so one commit moves every group's target at once.
/// </summary>
public static class FleetScaleRepository
{
    public const string Group = "pos";

    public static GitRepo Create(string path, FleetShape shape)
    {
        var repository = GitRepo.Create(path).Write("fleet.yaml", FleetYaml(shape));
        WriteRelease(repository, 1).Commit("Benchmark fleet");
        return repository;
    }

    /// <summary>A release: new ConfigMap data, so the rendered digest (and each store's desired state) changes.</summary>
    public static GitRepo WriteRelease(GitRepo repository, int release) =>
        repository.Write("pos/config.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pos\n  namespace: default\ndata:\n  release: \"{release}\"\n");

    private static string FleetYaml(FleetShape shape)
    {
        var yaml = new StringBuilder("apiVersion: fleetops/v1\ngroups:\n");
        for (var i = 0; i < shape.Groups; i++)
        {
            yaml.Append($"  - name: {shape.Group(i)}\n    path: pos\n");
            yaml.Append(shape.Groups == 1 ? "    selector: {}\n" : $"    selector:\n      matchLabels: {{shard: \"{i}\"}}\n");
            if (shape.Rollout)
            {
                // The failing share (1% by default) stays inside the budget: a halted rollout would never complete.
                yaml.Append("""
                        rollout:
                          canary:
                            selector: {matchLabels: {ring: canary}}
                            bake: 0s
                          waves: [33%, 66%, 100%]
                          bake: 0s
                          failureBudget: 10%

                    """);
            }
        }
        return yaml.ToString();
    }
}
