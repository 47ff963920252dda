using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    /// <summary>
    /// Stores the events above the highest seq already stored, then acknowledges that seq: the agent
    /// drops events only once the hub has them. Seqs at or below it are redeliveries, acknowledged again.
    /// </summary>
    public async Task<IngestOutcome> JournalAsync(Immutable<JournalMessage> journalMessage)
    {
        var message = journalMessage.Value;
        if (!S.Registered)
            return IngestOutcome.UnknownCluster;
        var fresh = message.Events.Where(e => e.Seq > S.AckedSeq).ToList();
        if (fresh.Count > 0)
        {
            if (fresh[0].Seq > S.AckedSeq + 1)
            {
                // The agent sends its outbox in order from the oldest unacknowledged event, so a gap means the
                // events between were lost to the agent's own bound or acknowledged before this hub's data was reset.
                metrics.JournalGap();
                logger.LogWarning("Cluster {Cluster} journal jumps from {Acked} to {First}; the events between cannot be recovered",
                    Id, S.AckedSeq, fresh[0].Seq);
            }
            await journal.AppendAsync(Id, fresh, time.GetUtcNow());
            S.AckedSeq = fresh[^1].Seq;
        }
        // Not written here: the events are, and the next hello, status, presence or deactivation carries "last seen".
        Seen();
        unsavedSeen = true;
        await PublishAckAsync();
        Report(force: false);
        return IngestOutcome.Accepted;
    }

    private async Task PublishAckAsync()
    {
        try
        {
            await transport.PublishAckAsync(new AckMessage(WireVersion.Current, Id, S.AckedSeq));
        }
        catch (Exception e)
        {
            // The agent keeps unacknowledged events and resends them; the redelivery is acknowledged then.
            logger.LogWarning(e, "Could not acknowledge journal seq {Seq} to cluster {Cluster}", S.AckedSeq, Id);
        }
    }
}
