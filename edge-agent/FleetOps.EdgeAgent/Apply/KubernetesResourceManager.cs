using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Server-side apply after Flux's ssa package: resolve kinds, read live objects, refuse objects owned
/// by another group, decide what drifted (<see cref="DriftDetector"/>), dry-run every write (one bad object
/// applies nothing), apply Namespaces and CRDs first and wait for them, then the rest. Only objects that
/// drifted or whose manifest changed are written.
/// </summary>
/// <remarks>
/// <c>force=true</c>: like Flux, FleetOps is the authority for the fields of objects it owns, so a
/// field another manager took over (kubectl edit, a merge patch) is taken back: that is the drift
/// correction. Ownership between FleetOps groups is decided by the <c>fleetops.io/group</c> label
/// before any write, not by SSA conflicts (every group uses the same field manager).
/// </remarks>
internal sealed class KubernetesResourceManager(
    KubeConnection kube,
    ApiDiscovery discovery,
    TimeProvider time,
    ILogger<KubernetesResourceManager> logger) : IResourceManager
{
    private const int Parallelism = 8;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly DriftDetector drift = new();
    private readonly LiveReader reader = new(kube);

    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        var plan = await ResolveKindsAsync(request, cancellationToken).ConfigureAwait(false);
        if (plan.Error is { } unknown)
            return ApplyResult.Fail(Reasons.ApplyFailed, unknown);
        var objects = plan.Objects;

        await reader.ReadAllAsync(objects, request.Group, cancellationToken).ConfigureAwait(false);

        var conflicts = objects
            .Where(p => p.Live is { } live && Ownership.GroupOf(live) is { } owner && owner != request.Group)
            .Select(p => (p.Ref.Subject, Ownership.GroupOf(p.Live!)!))
            .ToList();
        if (conflicts.Count > 0)
            return ApplyResult.Fail(Reasons.Conflict, ConflictMessage.Describe(conflicts));

        foreach (var p in objects)
        {
            var action = drift.Decide(p.Desired, p.LiveElement, request.PreviousHashes.GetValueOrDefault(p.Ref), out var unowned);
            p.Action = action ?? ChangeAction.Unchanged;
            p.AwaitsDryRun = action is null;
            p.Unowned = unowned;
        }

        var newNamespaces = objects.Where(p => p.Ref.IsNamespace && p.Live is null).Select(p => p.Ref.Name).ToHashSet(StringComparer.Ordinal);
        bool Deferred(PlannedObject p) => p.Resource is null || (p.Resource.Namespaced && newNamespaces.Contains(p.Ref.Namespace ?? "default"));

        // Objects the drift check could not settle are dry-run with the writes: the server's answer decides them.
        var checks = objects.Where(p => p.AwaitsDryRun || (p.NeedsWrite && !Deferred(p))).ToList();
        if (await DryRunAsync(checks, cancellationToken).ConfigureAwait(false) is { } refused)
            return ApplyResult.Fail(Reasons.ApplyFailed, $"dry run failed, nothing applied: {refused}");
        var writes = objects.Where(p => p.NeedsWrite).ToList();

        // Stage 1: what other objects need to exist first.
        var stage1 = writes.Where(p => p.IsClusterDefinition).ToList();
        if (await WriteAllAsync(stage1, cancellationToken).ConfigureAwait(false) is { } stage1Error)
            return ApplyResult.Fail(Reasons.ApplyFailed, stage1Error);
        if (await WaitForDefinitionsAsync(stage1, objects, cancellationToken).ConfigureAwait(false) is { } definitionError)
            return ApplyResult.Fail(Reasons.ApplyFailed, definitionError);

        // Stage 2: everything else; objects that could not be dry-run before stage 1 are checked now.
        var stage2 = writes.Where(p => !p.IsClusterDefinition).ToList();
        if (await DryRunAsync(stage2.Where(Deferred).ToList(), cancellationToken).ConfigureAwait(false) is { } late)
            return ApplyResult.Fail(Reasons.ApplyFailed, $"dry run failed after namespaces and CRDs were applied, nothing else applied: {late}");
        if (await WriteAllAsync(stage2, cancellationToken).ConfigureAwait(false) is { } stage2Error)
            return ApplyResult.Fail(Reasons.ApplyFailed, stage2Error);

        var changes = new ChangeSet();
        var live = new Dictionary<ObjectRef, JsonObject>();
        foreach (var p in objects)
        {
            changes.Add(p.Ref, p.Action, p.Recreate ? "recreated: immutable field changed" : null, p.Change);
            if (p.Live is not null)
                live[p.Ref] = p.Live;
        }
        return new ApplyResult(changes, live);
    }

    public async Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken cancellationToken)
    {
        var resource = await discovery.ResolveAsync(target.ApiVersion, target.Kind, cancellationToken).ConfigureAwait(false);
        return resource is null ? null : await reader.GetAsync(resource, target, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(ObjectRef target, CancellationToken cancellationToken)
    {
        var resource = await discovery.ResolveAsync(target.ApiVersion, target.Kind, cancellationToken).ConfigureAwait(false);
        if (resource is null)
            return false;
        drift.Forget(target);
        var response = await kube.SendAsync(HttpMethod.Delete, resource.PathFor(target.Namespace, target.Name) + "?propagationPolicy=Background", null, null, cancellationToken).ConfigureAwait(false);
        if (response.NotFound)
            return false;
        if (!response.Ok)
            throw new KubeApiException($"{target.Subject} delete failed: {response.Message()}", response.Status);
        return true;
    }

    public async Task<string?> GetServerVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await kube.SendAsync(HttpMethod.Get, "version", null, null, cancellationToken).ConfigureAwait(false);
            return response.Ok ? response.Json()?["gitVersion"]?.GetValue<string>() : null;
        }
        catch (Exception e) when (e is HttpRequestException or KubeApiException)
        {
            return null;
        }
    }

    private async Task<(List<PlannedObject> Objects, string? Error)> ResolveKindsAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        var definedHere = request.Objects.Where(o => o.Ref.IsCrd).SelectMany(o => CrdKinds(o.Body)).ToHashSet();
        var objects = new List<PlannedObject>(request.Objects.Count);
        var unknown = new List<string>();
        foreach (var o in request.Objects)
        {
            var resource = await discovery.ResolveAsync(o.Ref.ApiVersion, o.Ref.Kind, cancellationToken).ConfigureAwait(false);
            if (resource is null && !definedHere.Contains((o.Ref.ApiVersion, o.Ref.Kind)))
                unknown.Add($"{o.Ref.Subject}: the API server has no kind {o.Ref.Kind} in {o.Ref.ApiVersion} (misspelt, or its CRD is not installed)");
            objects.Add(new PlannedObject(o, resource));
        }
        return unknown.Count > 0 ? (objects, $"nothing applied: {string.Join("; ", unknown)}") : (objects, null);
    }

    // Returns the refusals as one sentence naming each object, or null when all passed.
    private async Task<string?> DryRunAsync(List<PlannedObject> objects, CancellationToken cancellationToken)
    {
        var refusals = new System.Collections.Concurrent.ConcurrentBag<(int Index, string Text)>();
        await ForEachAsync(objects, async (p, ct) =>
        {
            var response = await PatchAsync(p, dryRun: true, ct).ConfigureAwait(false);
            if (response.Ok)
            {
                if (p.AwaitsDryRun)
                    Judge(p, response);
                return;
            }
            if (response.RecreateCanHelp && Ownership.AllowsRecreate(p.Desired.Body))
            {
                p.Recreate = true;
                p.Action = p.AwaitsDryRun ? ChangeAction.Configured : p.Action;
                p.AwaitsDryRun = false;
            }
            else
            {
                refusals.Add((objects.IndexOf(p), $"{p.Ref.Subject}: {response.Message()}{RecreateHint(response)}"));
            }
        }, cancellationToken).ConfigureAwait(false);
        return refusals.IsEmpty ? null : string.Join("; ", refusals.OrderBy(r => r.Index).Select(r => r.Text));
    }

    // The dry run of an object whose fields were not all ours: drift if the server would change something.
    private void Judge(PlannedObject p, KubeResponse dryRun)
    {
        p.AwaitsDryRun = false;
        p.Action = drift.Judge(p.Desired, p.Live!, dryRun.Json());
        if (p.Action == ChangeAction.Configured)
            logger.LogInformation("Drift in {Subject}: {Fields} no longer applied by {Manager}; applying it again", p.Ref.Subject, string.Join(", ", p.Unowned), Ownership.FieldManager);
        else
            logger.LogDebug("{Subject} is in sync: a dry run changes nothing, though {Manager} does not own {Fields}", p.Ref.Subject, Ownership.FieldManager, string.Join(", ", p.Unowned));
    }

    // Writes in order; stops at the first failure and names the object.
    private async Task<string?> WriteAllAsync(List<PlannedObject> objects, CancellationToken cancellationToken)
    {
        foreach (var p in objects)
        {
            if (p.Recreate)
                await RecreatePrepareAsync(p, cancellationToken).ConfigureAwait(false);
            var response = await PatchAsync(p, dryRun: false, cancellationToken).ConfigureAwait(false);
            if (!response.Ok && response.RecreateCanHelp && Ownership.AllowsRecreate(p.Desired.Body) && !p.Recreate)
            {
                p.Recreate = true;
                await RecreatePrepareAsync(p, cancellationToken).ConfigureAwait(false);
                response = await PatchAsync(p, dryRun: false, cancellationToken).ConfigureAwait(false);
            }
            if (!response.Ok)
            {
                return $"{p.Ref.Subject} apply failed: {response.Message()}{RecreateHint(response)}";
            }
            var written = response.Json();
            p.Change = ObjectDiff.Describe(p.Ref, p.Action, p.Desired.Body, p.Live, written);
            p.Live = written;
            drift.Forget(p.Ref);
            logger.LogDebug("Applied {Subject}: {Action}", p.Ref.Subject, p.Action);
        }
        return null;
    }

    // Offered only where delete-and-recreate would get past the refusal.
    private static string RecreateHint(KubeResponse response) =>
        response.RecreateCanHelp ? $" (annotate it {Ownership.ForceAnnotation}: \"true\" to allow delete and recreate)" : "";

    private async Task RecreatePrepareAsync(PlannedObject p, CancellationToken cancellationToken)
    {
        logger.LogInformation("Recreating {Subject}: an immutable field changed and it allows recreate", p.Ref.Subject);
        await DeleteAsync(p.Ref, cancellationToken).ConfigureAwait(false);
        await WaitUntilAsync(async ct => await reader.GetAsync(p.Resource!, p.Ref, ct).ConfigureAwait(false) is null, cancellationToken).ConfigureAwait(false);
        p.Action = ChangeAction.Created;
    }

    private async Task<string?> WaitForDefinitionsAsync(List<PlannedObject> applied, List<PlannedObject> all, CancellationToken cancellationToken)
    {
        foreach (var crd in applied.Where(p => p.Ref.IsCrd))
        {
            var established = await WaitUntilAsync(async ct =>
                await reader.GetAsync(crd.Resource!, crd.Ref, ct).ConfigureAwait(false) is { } live && Health.HealthRules.IsConditionTrue(live, "Established"), cancellationToken).ConfigureAwait(false);
            if (!established)
                return $"{crd.Ref.Subject} was applied but is not Established after {WaitLimit.TotalSeconds:0}s; nothing else applied";
            foreach (var (apiVersion, _) in CrdKinds(crd.Desired.Body))
                discovery.Invalidate(apiVersion);
        }
        var unresolved = new List<string>();
        foreach (var p in all.Where(p => p.Resource is null))
        {
            p.Resource = await discovery.ResolveAsync(p.Ref.ApiVersion, p.Ref.Kind, cancellationToken).ConfigureAwait(false);
            if (p.Resource is null)
                unresolved.Add($"{p.Ref.Subject}: kind {p.Ref.Kind} in {p.Ref.ApiVersion} is still unknown after its CRD was applied");
        }
        return unresolved.Count > 0 ? string.Join("; ", unresolved) : null;
    }

    private Task<KubeResponse> PatchAsync(PlannedObject p, bool dryRun, CancellationToken cancellationToken)
    {
        var query = $"?fieldManager={Ownership.FieldManager}&force=true{(dryRun ? "&dryRun=All" : "")}";
        return kube.SendAsync(HttpMethod.Patch, p.Resource!.PathFor(p.Ref.Namespace, p.Ref.Name) + query, p.Desired.Body.ToJsonString(), "application/apply-patch+yaml", cancellationToken);
    }

    // Polls with doubling delays on the injected clock, up to WaitLimit.
    private async Task<bool> WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + WaitLimit;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            if (await condition(cancellationToken).ConfigureAwait(false))
                return true;
            if (time.GetUtcNow() >= deadline)
                return false;
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    private static Task ForEachAsync(IEnumerable<PlannedObject> items, Func<PlannedObject, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (p, ct) => await body(p, ct).ConfigureAwait(false));

    private static IEnumerable<(string ApiVersion, string Kind)> CrdKinds(JsonObject crd)
    {
        var spec = crd["spec"];
        var group = spec?["group"]?.GetValue<string>();
        var kind = spec?["names"]?["kind"]?.GetValue<string>();
        if (group is null || kind is null)
            yield break;
        foreach (var v in spec?["versions"] as JsonArray ?? [])
        {
            if (v?["name"]?.GetValue<string>() is { } version)
                yield return ($"{group}/{version}", kind);
        }
    }
}
