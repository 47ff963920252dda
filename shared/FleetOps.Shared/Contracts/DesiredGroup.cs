namespace FleetOps.Shared.Contracts;

/// <summary>
/// One group a cluster belongs to: render <see cref="Path"/> at <see cref="Revision"/> (a full commit sha).
/// With a <see cref="Window"/>, the agent moves to a revision it does not run yet only inside the window.
/// </summary>
/// <remarks><see cref="Window"/> keeps its default so messages from hubs that predate it still parse.</remarks>
public sealed record DesiredGroup(string Name, string Path, string Revision, string Digest, DesiredWindow? Window = null);
