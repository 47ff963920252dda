using FleetOps.Shared.Processes;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// Renders a group's folder into validated objects: check the path, build it (kustomize when the folder
/// has a kustomization, else its YAML files as they are), then check every object. The hub renders
/// to validate and digest a commit; the agent renders, substitutes its cluster variables and applies.
/// </summary>
public sealed class Renderer(RenderOptions options, TimeProvider timeProvider) : IRenderer
{
    public static readonly Renderer Default = new(RenderOptions.Default, TimeProvider.System);

    public RenderOptions Options { get; } = options;

    /// <summary>The kustomize tool this renderer builds with and its version, or why there is none it can use.</summary>
    public Task<KustomizeRenderer> DetectAsync(CancellationToken cancellationToken = default) =>
        KustomizeLocator.LocateAsync(Options.KustomizeExecutable, Options.SearchPath, cancellationToken);

    public async Task<RenderResult> RenderAsync(string repositoryRoot, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        ArgumentNullException.ThrowIfNull(path);

        if (!RepositoryPath.TryResolve(repositoryRoot, path, out var folder, out var pathError))
            return RenderResult.Fail(RenderErrorKind.InvalidPath, pathError);

        var problems = new ProblemList();
        var documents = new List<ManifestDocument>();
        var kustomization = PlainYamlFolder.FindKustomization(folder.FullPath);
        if (kustomization is null)
            await ReadPlainYamlAsync(folder, documents, problems, cancellationToken).ConfigureAwait(false);
        else
            await BuildWithKustomizeAsync(folder, folder.Relative(kustomization), documents, problems, cancellationToken).ConfigureAwait(false);

        // Objects are checked even after a broken file, so one failed render lists everything to fix.
        var objects = ObjectRules.Collect(documents, problems);
        return problems.Any
            ? problems.ToResult()
            : RenderResult.Ok(new RenderedSet(folder.RelativePath, kustomization is null ? RenderMode.PlainYaml : RenderMode.Kustomize, objects));
    }

    // Plain folders need no tool at all: the agent can apply them on a store without kubectl.
    private static async Task ReadPlainYamlAsync(RepositoryFolder folder, List<ManifestDocument> documents, ProblemList problems, CancellationToken cancellationToken)
    {
        foreach (var file in PlainYamlFolder.FindFiles(folder, problems))
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(RenderErrorKind.InvalidPath, $"{folder.Relative(file)}: cannot be read: {e.Message}");
                continue;
            }
            ManifestReader.Read(text, folder.Relative(file), withLines: true, documents, problems);
        }
    }

    private async Task BuildWithKustomizeAsync(RepositoryFolder folder, string kustomizationFile, List<ManifestDocument> documents, ProblemList problems, CancellationToken cancellationToken)
    {
        var renderer = await KustomizeLocator.LocateAsync(Options.KustomizeExecutable, Options.SearchPath, cancellationToken).ConfigureAwait(false);
        if (renderer.Tool is not { } tool || !renderer.Usable)
        {
            problems.Add(RenderErrorKind.ToolNotFound, $"{kustomizationFile}: {renderer.Problem}");
            return;
        }

        var run = await ChildProcess.RunAsync(tool.Executable, tool.CommandFor(folder.FullPath), folder.FullPath, input: null,
            Options.KustomizeTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        if (run.StartError is not null)
            problems.Add(RenderErrorKind.KustomizeFailed, $"{kustomizationFile}: could not start '{tool.Executable}': {run.StartError}");
        else if (run.TimedOut)
            problems.Add(RenderErrorKind.TimedOut, $"{kustomizationFile}: {tool} did not finish within {Options.KustomizeTimeout.TotalSeconds:0.#} s and was stopped; check for remote bases that cannot be reached");
        else if (run.ExitCode != 0)
            problems.Add(RenderErrorKind.KustomizeFailed, $"{kustomizationFile}: {tool} failed (exit code {run.ExitCode}):\n{ToolOutput.Summarize(run.Errors, folder.RootFullPath, Options.MaxErrorLines)}");
        else
            ManifestReader.Read(run.Output, kustomizationFile, withLines: false, documents, problems);
    }
}
