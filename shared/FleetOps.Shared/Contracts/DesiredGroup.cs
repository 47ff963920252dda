namespace FleetOps.Shared.Contracts;

/// <summary>
/// One group a cluster belongs to: render <see cref="Path"/> at <see cref="Revision"/> (a full commit sha).
/// With a <see cref="Window"/>, the agent moves to a revision it does not run yet only inside the window.
/// <see cref="Note"/> says why the hub chose this revision when that is news for the store's journal
/// ("rollout of 792fbe2 aborted by alice"); at most <see cref="MaxNote"/> characters.
/// </summary>
/// <remarks><see cref="Window"/> and <see cref="Note"/> keep their defaults so messages from hubs that predate them still parse.</remarks>
public sealed record DesiredGroup(string Name, string Path, string Revision, string Digest, DesiredWindow? Window = null, string? Note = null)
{
    public const int MaxNote = 300;
}
