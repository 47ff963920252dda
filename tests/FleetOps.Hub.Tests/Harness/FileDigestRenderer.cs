using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FleetOps.Hub.Source;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>
/// A stand-in renderer for hub tests: the digest covers every file a group's kustomization reaches
/// (following <c>resources:</c> entries), and a missing resource fails the render the way kustomize does.
/// Hub tests are about what the hub does with digests and errors, not about kustomize.
/// </summary>
public sealed partial class FileDigestRenderer : IGroupRenderer
{
    public Task<RenderOutcome> RenderAsync(string repositoryRoot, string groupPath, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var error = Collect(repositoryRoot, Path.Combine(repositoryRoot, groupPath), files);
        if (error is not null)
            return Task.FromResult(RenderOutcome.Fail(error));
        var text = string.Join("\n", files.Select(f => $"{f.Key}\n{f.Value}"));
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return Task.FromResult(RenderOutcome.Ok(digest, files.Count));
    }

    private static string? Collect(string root, string folder, SortedDictionary<string, string> files)
    {
        var kustomization = Path.Combine(folder, "kustomization.yaml");
        if (!File.Exists(kustomization))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml"))
                files[Path.GetRelativePath(root, file)] = File.ReadAllText(file);
            return null;
        }
        files[Path.GetRelativePath(root, kustomization)] = File.ReadAllText(kustomization);
        foreach (Match resource in Resource().Matches(File.ReadAllText(kustomization)))
        {
            var target = Path.GetFullPath(Path.Combine(folder, resource.Groups[1].Value.Trim()));
            if (Directory.Exists(target))
            {
                if (Collect(root, target, files) is { } error)
                    return error;
            }
            else if (File.Exists(target))
                files[Path.GetRelativePath(root, target)] = File.ReadAllText(target);
            else
                return $"accumulating resources: '{target}' does not exist";
        }
        return null;
    }

    [GeneratedRegex(@"^\s+-\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Resource();
}
