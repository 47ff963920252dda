using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    /// <summary>
    /// Stores the events that continue the stored run (<see cref="JournalRun"/>), then acknowledges the run's end: the
    /// agent drops events only once the hub has them. Seqs at or below it are redeliveries, acknowledged again; a batch
    /// that leaves a gap is refused from the gap on, logged and counted, and the ack stays where it was.
    /// </summary>
    public async Task<IngestOutcome> JournalAsync(Immutable<JournalMessage> journalMessage)
    {
        var message = journalMessage.Value;
        if (!S.Registered)
            return IngestOutcome.UnknownCluster;
        var run = JournalRun.Take(message.Events, AgentAckedSeq, S.AgentLastSeq);
        if (run.Refused is { } why)
        {
            metrics.JournalGap();
            logger.LogWarning("Cluster {Cluster}: journal events refused and not acknowledged: {Reason}", Id, why);
        }
        if (run.Fresh.Count > 0)
        {
            // Hub seqs: the agent's, shifted by where its journal restarted (JournalBase), so the history stays one run.
            var stored = run.Fresh.Select(e => e with { Seq = e.Seq + S.JournalBase, FirstSeq = null }).ToList();
            await journal.AppendAsync(Id, stored, time.GetUtcNow());
            S.AckedSeq = stored[^1].Seq;
            S.AgentLastSeq = Math.Max(S.AgentLastSeq, run.Fresh[^1].Seq);
            var newest = run.Fresh.Max(e => e.At);
            S.LastEventAt = S.LastEventAt is { } held && held > newest ? held : newest;
        }
        // Not written here: the events are, and the next hello, status, presence or deactivation carries "last seen".
        Seen();
        unsavedSeen = true;
        await PublishAckAsync();
        Report(force: false);
        return IngestOutcome.Accepted;
    }

    /// <summary>The end of the stored run in the agent's numbering: what acks say.</summary>
    private long AgentAckedSeq => S.AckedSeq - S.JournalBase;

    /// <summary>
    /// On hello: when the hub's run ends above any seq the agent has allocated (its journal restarted: a wiped data
    /// dir, or the hub took events from someone else), or the agent was acknowledged more than the hub has (the hub
    /// lost its data), the agent's numbering moves so that its acked seq meets the end of the hub's run. Its unsent
    /// events are then stored above everything the hub has, and none is refused as a gap or taken for a redelivery.
    /// </summary>
    private bool RebaseJournal(HelloMessage hello)
    {
        // Silos share the agents' topics, so a hello may be taken after journal events the agent sent just after it (another
        // silo was quicker): by the agent's own clock it predates them, and its seqs say nothing of a restarted journal.
        // Only just before: a hello from long before them is an agent whose clock was set back, and is heard.
        if (S.LastEventAt is { } newest && hello.At < newest && newest - hello.At < ReorderWindow)
        {
            logger.LogDebug("Cluster {Cluster}: a hello sent at {HelloAt} arrived after journal events of {EventAt}; its journal seqs are not taken", Id, hello.At, newest);
            return false;
        }
        // Agents before AckedJournalSeq: a restart is taken as acknowledged nothing, which drops nothing.
        var agentAcked = hello.AckedJournalSeq ?? (hello.LastJournalSeq < AgentAckedSeq ? 0 : AgentAckedSeq);
        S.AgentLastSeq = hello.LastJournalSeq;
        if (hello.LastJournalSeq >= AgentAckedSeq && agentAcked <= AgentAckedSeq)
            return false;
        logger.LogWarning(
            "Cluster {Cluster}: its agent has allocated journal seqs to {LastSeq} and holds an ack of {AgentAcked}, but the hub's history ends at its seq {Acked}; "
            + "its journal carries on from hub seq {HubSeq}",
            Id, hello.LastJournalSeq, agentAcked, AgentAckedSeq, S.AckedSeq + 1);
        S.JournalBase = S.AckedSeq - agentAcked;
        return true;
    }

    private async Task PublishAckAsync()
    {
        try
        {
            await transport.PublishAckAsync(new AckMessage(WireVersion.Current, Id, AgentAckedSeq));
        }
        catch (Exception e)
        {
            // The agent keeps unacknowledged events and resends them; the redelivery is acknowledged then.
            logger.LogWarning(e, "Could not acknowledge journal seq {Seq} to cluster {Cluster}", AgentAckedSeq, Id);
        }
    }
}
