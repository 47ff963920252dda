using System.Text;
using System.Text.RegularExpressions;
using FleetOps.Testing.Git;

namespace FleetOps.Benchmarks.FleetAgents;

/// <summary>
/// fleet-agents' fleet-config: a copy of the bundled one whose groups roll out to every store at once (the rollout
/// blocks dropped, so the figure is the fleet's speed, not the bundled bakes), and releases that change every group.
/// </summary>
public static partial class AgentsRepository
{
    public const string ReleaseAnnotation = "fleetops.example.com/release";

    public static GitRepo Create(string path, string bundled)
    {
        var repository = GitRepo.Create(path).CopyFrom(bundled);
        repository.Write("fleet.yaml", WithoutRollouts(repository.Read("fleet.yaml")));
        repository.Commit("Bundled fleet-config, every group at once");
        return repository;
    }

    /// <summary>
    /// Release <paramref name="release"/> of every group's folder: a kustomization gets a common annotation (so its
    /// Deployments roll, as a real release's would), a plain folder a ConfigMap naming the release.
    /// </summary>
    public static GitRepo WriteRelease(GitRepo repository, IEnumerable<string> groupPaths, int release)
    {
        foreach (var folder in groupPaths.Distinct(StringComparer.Ordinal))
        {
            var kustomization = $"{folder}/kustomization.yaml";
            if (File.Exists(Path.Combine(repository.Path, kustomization)))
            {
                var text = ReleaseLine().Replace(repository.Read(kustomization), "");
                repository.Write(kustomization, text.TrimEnd('\n') + $"\ncommonAnnotations:\n  {ReleaseAnnotation}: \"{release}\"\n");
            }
            else
            {
                repository.Write($"{folder}/fleetops-release.yaml",
                    $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fleetops-release\n  namespace: {NamespaceOf(repository, folder)}\ndata:\n  release: \"{release}\"\n");
            }
        }
        return repository;
    }

    /// <summary>fleet.yaml without its <c>rollout:</c> blocks (each ends where the indentation comes back to its own).</summary>
    public static string WithoutRollouts(string yaml)
    {
        var kept = new StringBuilder();
        int? skipping = null;
        foreach (var line in yaml.Split('\n'))
        {
            var indent = line.Length - line.TrimStart().Length;
            if (skipping is { } block)
            {
                if (line.Trim().Length == 0 || indent > block)
                    continue;
                skipping = null;
            }
            if (line.TrimStart().StartsWith("rollout:", StringComparison.Ordinal))
            {
                skipping = indent;
                continue;
            }
            kept.Append(line).Append('\n');
        }
        return kept.ToString().TrimEnd('\n') + "\n";
    }

    private static string NamespaceOf(GitRepo repository, string folder)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(repository.Path, folder), "*.yaml"))
        {
            var match = NamespaceObject().Match(File.ReadAllText(file));
            if (match.Success)
                return match.Groups[1].Value;
        }
        return "default";
    }

    [GeneratedRegex(@"\ncommonAnnotations:\n  fleetops\.example\.com/release: ""\d+""\n?")]
    private static partial Regex ReleaseLine();

    [GeneratedRegex(@"kind: Namespace\s*\nmetadata:\s*\n\s+name: ([a-z0-9-]+)")]
    private static partial Regex NamespaceObject();
}
