using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// What an apply did. On failure <see cref="Reason"/> is <see cref="Reasons.ApplyFailed"/> or
/// <see cref="Reasons.Conflict"/> and <see cref="Error"/> names the objects. <see cref="Live"/> holds
/// the objects as the API server returned them, for the first health check without another read.
/// </summary>
public sealed record ApplyResult(ChangeSet ChangeSet, IReadOnlyDictionary<ObjectRef, JsonObject> Live, string? Reason = null, string? Error = null)
{
    public bool Succeeded => Reason is null;

    public static ApplyResult Fail(string reason, string error) => new(new ChangeSet(), new Dictionary<ObjectRef, JsonObject>(), reason, error);
}
