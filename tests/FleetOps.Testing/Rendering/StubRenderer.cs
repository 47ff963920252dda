using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FleetOps.Hub.Source;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FleetOps.Testing.Rendering;

/// <summary>
/// A stand-in for the hub's renderer seam, for tests about what the hub does with digests and errors
/// rather than about kustomize: the digest covers every file a group's kustomization reaches (following
/// <c>resources:</c> entries), the object count is the files that are not kustomizations, and a missing
/// resource fails the render as kustomize does. Messages name paths relative to the repository, so a
/// render error reads the same on every run and can sit in a golden file.
/// </summary>
public sealed partial class StubRenderer : IGroupRenderer
{
    private const string Kustomization = "kustomization.yaml";

    /// <summary>Puts the stub in place of the hub's renderer: pass as <c>InProcessHubOptions.ConfigureServices</c>.</summary>
    public static void ReplaceIn(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IGroupRenderer, StubRenderer>());

    public Task<RenderOutcome> RenderAsync(string repositoryRoot, string groupPath, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var error = Collect(repositoryRoot, Path.Combine(repositoryRoot, groupPath), files);
        if (error is not null)
            return Task.FromResult(RenderOutcome.Fail(error));
        var text = string.Join("\n", files.Select(f => $"{f.Key}\n{f.Value}"));
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var objects = files.Keys.Count(f => !f.EndsWith(Kustomization, StringComparison.Ordinal));
        return Task.FromResult(RenderOutcome.Ok(digest, objects));
    }

    private static string? Collect(string root, string folder, SortedDictionary<string, string> files)
    {
        var kustomization = Path.Combine(folder, Kustomization);
        if (!File.Exists(kustomization))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml"))
                files[Relative(root, file)] = File.ReadAllText(file);
            return null;
        }
        files[Relative(root, kustomization)] = File.ReadAllText(kustomization);
        foreach (Match resource in Resource().Matches(File.ReadAllText(kustomization)))
        {
            var target = Path.GetFullPath(Path.Combine(folder, resource.Groups[1].Value.Trim()));
            if (Directory.Exists(target))
            {
                if (Collect(root, target, files) is { } error)
                    return error;
            }
            else if (File.Exists(target))
                files[Relative(root, target)] = File.ReadAllText(target);
            else
                return $"accumulating resources: '{Relative(root, target)}' does not exist";
        }
        return null;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex(@"^\s+-\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Resource();
}
