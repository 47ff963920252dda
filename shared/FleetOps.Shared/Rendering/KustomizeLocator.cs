using System.Collections.Concurrent;
using FleetOps.Shared.Processes;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// Finds the kustomize tool to render with and checks its version: the first of <c>kustomize</c>, <c>kubectl</c>,
/// <c>k3s</c> on the search path (or the configured one) whose kustomize is v5 or newer. A too-old one is passed
/// over (Debian 12's kubectl 1.20 embeds kustomize v2, which misreads the fleet's overlays) and named in the problem
/// when nothing newer is found.
/// </summary>
public static class KustomizeLocator
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    // A tool's version is a fact about the file: asked once per process (a simulator runs hundreds of agents), again if the file changes.
    private static readonly ConcurrentDictionary<(string Path, DateTime Written, long Length), Task<KustomizeVersion?>> Versions = new();

    public static async Task<KustomizeRenderer> LocateAsync(string? configuredExecutable, string? searchPath, CancellationToken cancellationToken = default)
    {
        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!string.IsNullOrWhiteSpace(configuredExecutable))
        {
            if (!KustomizeTool.TryLocate(configuredExecutable, searchPath, out var configured, out var error))
                return new KustomizeRenderer(null, null, error);
            var version = await VersionOfAsync(configured, cancellationToken).ConfigureAwait(false);
            return version is { IsSupported: false }
                ? new KustomizeRenderer(null, version, $"the configured kustomize executable '{configuredExecutable}' is {Named(configured, version)}, too old. {KustomizeVersion.Requirement}")
                : new KustomizeRenderer(configured, version ?? new KustomizeVersion(null, null), null);
        }

        var tooOld = new List<string>();
        foreach (var candidate in KustomizeTool.Executables(searchPath))
        {
            var tool = KustomizeTool.For(candidate);
            var version = await VersionOfAsync(tool, cancellationToken).ConfigureAwait(false);
            if (version is { IsSupported: false })
            {
                tooOld.Add($"{candidate} is {Named(tool, version)}");
                continue;
            }
            return new KustomizeRenderer(tool, version ?? new KustomizeVersion(null, null), null);
        }
        if (tooOld.Count > 0)
            return new KustomizeRenderer(null, null, $"no kustomize tool is new enough: {string.Join("; ", tooOld)}. {KustomizeVersion.Requirement}");
        KustomizeTool.TryLocate(null, searchPath, out _, out var notFound);
        return new KustomizeRenderer(null, null, notFound);
    }

    private static string Named(KustomizeTool tool, KustomizeVersion version) =>
        version.Tool is null ? $"kustomize v{version.Kustomize}" : $"{version.Tool} with kustomize v{version.Kustomize}";

    /// <summary>Null when the tool does not answer its version command as expected; it is then used as it is.</summary>
    private static Task<KustomizeVersion?> VersionOfAsync(KustomizeTool tool, CancellationToken cancellationToken)
    {
        var file = new FileInfo(tool.Executable);
        var key = (file.FullName, file.Exists ? file.LastWriteTimeUtc : default, file.Exists ? file.Length : -1);
        return Versions.GetOrAdd(key, _ => ProbeAsync(tool)).WaitAsync(cancellationToken);
    }

    // On the real clock: a test's fake clock must not hold or hurry a probe that every later caller shares.
    private static async Task<KustomizeVersion?> ProbeAsync(KustomizeTool tool)
    {
        var run = await ChildProcess.RunAsync(tool.Executable, tool.VersionArguments, Path.GetTempPath(), input: null, ProbeTimeout, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        if (run.StartError is not null || run.TimedOut || run.ExitCode != 0)
            return null;
        var version = KustomizeVersion.Parse(run.Output + "\n" + run.Errors, tool.IsKustomize);
        return version.Tool is null && version.Kustomize is null ? null : version;
    }
}
