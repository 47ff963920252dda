using LibGit2Sharp;

namespace FleetOps.EdgeAgent.Source;

/// <summary>
/// What the fetches for one revision received, from libgit2's transfer progress: objects sent by the remote (not the
/// local bases a thin pack is completed with) and pack bytes, summed over the refspec attempts.
/// </summary>
internal sealed class FetchReceipt
{
    private TransferProgress? current;

    public long Objects { get; private set; }

    public long Bytes { get; private set; }

    public void Update(TransferProgress progress) => current = progress;

    /// <summary>Adds the attempt that just ended; each attempt's progress starts again from zero.</summary>
    public void EndAttempt()
    {
        if (current is { } last)
        {
            Objects += last.ReceivedObjects;
            Bytes += last.ReceivedBytes;
        }
        current = null;
    }
}
