using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Decides whether a run must write an object: the one place drift is detected. A new object is created and a
/// changed manifest (new hash) is applied, as ever. An unchanged manifest is in sync while the agent's field
/// manager still owns every field it sets (<see cref="FieldOwnership"/>: reads only, holds whatever the server
/// made of the values). Only when a field is no longer owned does the server decide, with a dry-run apply
/// compared to the live object (<see cref="DryRunComparison"/>): a dry run is a write-shaped request, so it is
/// kept for what the cheap check cannot settle.
/// </summary>
/// <remarks>
/// Why both and not one: value comparison cannot hold under normalisation (the server rewrites values), and a dry
/// run for every object on every run (Flux's way) costs a write-shaped request per object every few minutes on
/// thousands of stores. Ownership alone would be cheap but strict: a field the server never records for us (pruned
/// by a CRD schema, a write-only field) would look like drift forever. So a dry run that finds nothing to change
/// is remembered for the live object's resourceVersion, and the next runs stay reads only until the object changes.
/// </remarks>
internal sealed class DriftDetector
{
    private readonly ConcurrentDictionary<ObjectRef, (string Hash, string? ResourceVersion)> inSyncByDryRun = new();

    /// <summary>Created, Configured or Unchanged; null when only a dry run can tell (then <paramref name="unowned"/> says why).</summary>
    public ChangeAction? Decide(DesiredObject desired, JsonElement? live, string? previousHash, out IReadOnlyList<string> unowned)
    {
        unowned = [];
        if (live is null)
            return ChangeAction.Created;
        if (previousHash != desired.Hash)
            return ChangeAction.Configured;
        unowned = FieldOwnership.Unowned(desired.Body, live.Value, Ownership.FieldManager);
        if (unowned.Count == 0)
            return ChangeAction.Unchanged;
        if (inSyncByDryRun.TryGetValue(desired.Ref, out var known) && known.Hash == desired.Hash
            && known.ResourceVersion is not null && known.ResourceVersion == ManagedFieldsReader.ResourceVersion(live.Value))
        {
            return ChangeAction.Unchanged;
        }
        return null;
    }

    /// <summary>The verdict of a dry-run apply of an object <see cref="Decide"/> could not settle.</summary>
    public ChangeAction Judge(DesiredObject desired, JsonObject live, JsonObject? dryRun)
    {
        if (dryRun is not null && DryRunComparison.ChangesNothing(dryRun, live))
        {
            inSyncByDryRun[desired.Ref] = (desired.Hash, ManagedFieldsReader.ResourceVersion(live));
            return ChangeAction.Unchanged;
        }
        inSyncByDryRun.TryRemove(desired.Ref, out _);
        return ChangeAction.Configured;
    }

    /// <summary>Forgets what a dry run found: the object was written or deleted.</summary>
    public void Forget(ObjectRef target) => inSyncByDryRun.TryRemove(target, out _);
}
