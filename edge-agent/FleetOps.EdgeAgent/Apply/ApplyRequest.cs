namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// One group's desired objects. <see cref="PreviousHashes"/> holds the manifest hashes applied last
/// time: a manifest whose hash changed is applied even if the live object looks the same (a field
/// removed from a manifest must be removed from the object too).
/// </summary>
public sealed record ApplyRequest(
    string Group,
    IReadOnlyList<DesiredObject> Objects,
    IReadOnlyDictionary<ObjectRef, string> PreviousHashes);
