using System.Diagnostics;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Metrics;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Source;

/// <summary>
/// What the hub does with a new head, step by step: check its signature, read fleet.yaml, check every
/// group's path, materialize the tree, render every group, and hand the results to the fleet grain, which
/// decides what moves. A refused fleet.yaml changes nothing but the errors shown: every error the shared
/// parser found, each with its file and line, one <see cref="FleetError"/> apiece. An untrusted head is
/// refused before anything of it is read or rendered.
/// </summary>
internal sealed class CommitProcessor(
    IGitMirror mirror,
    ICommitVerifier verifier,
    IGroupRenderer renderer,
    IGrainFactory grains,
    IOptions<HubOptions> hubOptions,
    IOptions<SourceOptions> sourceOptions,
    SourceActivity activity,
    HubMetrics metrics,
    TimeProvider time,
    ILogger<CommitProcessor> logger)
{
    public const string FleetFile = "fleet.yaml";

    public async Task<RefreshResult> ProcessAsync(string head, CancellationToken cancellationToken)
    {
        var fleet = grains.GetGrain<IFleetGrain>(IFleetGrain.Key);
        var commit = mirror.GetCommit(head);

        if (await VerifyAsync(fleet, head, cancellationToken) is { } untrusted)
            return new RefreshResult(head, true, [], [untrusted], HeadRefusals.Groups(await fleet.GetStatusAsync(), head));

        var (groups, errors) = ReadDefinitions(head);
        if (errors.Count > 0)
        {
            await fleet.RecordDefinitionErrorsAsync(head, errors);
            var refused = await fleet.GetStatusAsync();
            return new RefreshResult(head, true, [], refused.Errors, HeadRefusals.Groups(refused, head));
        }

        var renders = await RenderAsync(head, groups!, cancellationToken);
        var outcome = await fleet.ApplyCommitAsync(new FleetCommit(commit, groups!, renders));
        logger.LogInformation("Processed {Commit} \"{Subject}\": {Moved} group target(s) moved, {Errors} error(s)",
            Revisions.Short(head), commit.Subject, outcome.MovedGroups.Count, outcome.Errors.Count);
        return new RefreshResult(head, true, outcome.MovedGroups, outcome.Errors, HeadRefusals.Groups(await fleet.GetStatusAsync(), head));
    }

    /// <summary>
    /// With trusted keys configured, the head must be signed by one of them; otherwise it is refused, named with its
    /// signer, and the previous targets stay. Only the head is checked: its signature covers its whole tree, which is
    /// all that is rendered and rolled out.
    /// </summary>
    private async Task<FleetError?> VerifyAsync(IFleetGrain fleet, string head, CancellationToken cancellationToken)
    {
        if (!verifier.Enabled)
            return null;
        var verdict = await verifier.VerifyAsync(mirror.ReadSignature(head), cancellationToken);
        if (verdict.IsTrusted)
        {
            logger.LogInformation("Commit {Commit} {Verdict}", Revisions.Short(head), verdict.Detail);
            return null;
        }
        var error = new FleetError(FleetErrorKinds.UntrustedCommit, $"commit {Revisions.Short(head)} {verdict.Detail}", null, null, head, time.GetUtcNow());
        if (await fleet.RecordUntrustedCommitAsync(error))
            logger.LogWarning("Refused commit {Commit}: {Signer}: {Error}; the previous targets stay", Revisions.Short(head), verdict.Signer, error.Message);
        return error;
    }

    /// <summary>fleet.yaml must parse and every group's path must exist at the commit, else the whole commit is refused.</summary>
    private (IReadOnlyList<GroupDefinition>? Groups, IReadOnlyList<FleetError> Errors) ReadDefinitions(string head)
    {
        var now = time.GetUtcNow();
        var yaml = mirror.ReadFile(head, FleetFile);
        if (yaml is null)
            return (null, [new FleetError(FleetErrorKinds.Definition, $"{FleetFile} does not exist at the root of the repository at {Revisions.Short(head)}", FleetFile, null, head, now)]);

        var parsed = FleetYamlParser.Parse(yaml, FleetFile);
        if (parsed.Succeeded)
        {
            var folders = new Lazy<IReadOnlyList<string>>(() => mirror.ListDirectories(head));
            parsed = parsed.WithErrors(parsed.Definition.Groups
                .Where(group => !mirror.DirectoryExists(head, group.Path))
                .Select(group => FleetYamlError.PathNotFound(group, Revisions.Short(head), folders.Value))
                .ToList());
        }
        return parsed.Succeeded
            ? (parsed.Definition.Groups, [])
            : (null, parsed.Errors.Select(e => new FleetError(FleetErrorKinds.Definition, e.ToString(), e.File, e.Line, head, now)).ToList());
    }

    /// <summary>Renders every group from one materialized copy of the tree; a failed group carries its error.</summary>
    private async Task<IReadOnlyList<GroupRender>> RenderAsync(string head, IReadOnlyList<GroupDefinition> groups, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var folder = Path.Combine(hubOptions.Value.FullDataDir, "render", $"{Revisions.Short(head)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            mirror.Materialize(head, folder);
            var renders = new List<GroupRender>();
            foreach (var group in groups)
                renders.Add(await RenderGroupAsync(head, folder, group, cancellationToken));
            return renders;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Render(elapsed);
            activity.LastRenderSeconds = elapsed.TotalSeconds;
            TryDelete(folder);
        }
    }

    private async Task<GroupRender> RenderGroupAsync(string head, string folder, GroupDefinition group, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(sourceOptions.Value.RenderTimeout);
        RenderOutcome outcome;
        try
        {
            outcome = await renderer.RenderAsync(folder, group.Path, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = RenderOutcome.Fail($"render did not finish within {sourceOptions.Value.RenderTimeout}");
        }
        catch (Exception e)
        {
            outcome = RenderOutcome.Fail(e.Message);
        }
        if (outcome.IsOk)
            return new GroupRender(group.Name, outcome.Digest, outcome.Objects, null);
        logger.LogWarning("Group {Group} did not render at {Commit}, keeping its previous target: {Error}", group.Name, Revisions.Short(head), outcome.Error);
        return new GroupRender(group.Name, null, 0, new FleetError(FleetErrorKinds.Render,
            $"group '{group.Name}': path '{group.Path}' did not render at {Revisions.Short(head)}: {outcome.Error}", group.Path, null, head, time.GetUtcNow()));
    }

    private void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning("Could not delete render folder {Folder}: {Error}", folder, e.Message);
        }
    }
}
