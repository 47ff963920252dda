using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>
/// A protocol-level store that behaves as an edge agent does towards the hub: it converges on every new desired
/// generation at once and journals it (two events: target received, applied), sends its status again as a heartbeat,
/// and sends its unacknowledged journal tail again until the hub acks it (an ack or a message lost with a silo).
/// Every event it ever made is kept, so a test can count them against what the hub stored.
/// </summary>
public sealed class ScaleOutStore(SimulatedAgent agent, IReadOnlyDictionary<string, string> labels)
{
    private static readonly TimeSpan Resend = TimeSpan.FromSeconds(3);

    private readonly List<JournalEvent> journal = [];
    private int driftsAsked;
    private long reportedGeneration;
    private DateTimeOffset lastSent;

    public SimulatedAgent Agent => agent;

    public IReadOnlyDictionary<string, string> Labels => labels;

    public string Id => agent.ClusterId;

    /// <summary>Every seq this store journaled (1..n, no gaps).</summary>
    public long JournaledSeq => journal.Count;

    /// <summary>Has the store's next step journal a drift correction, as its periodic reconcile would (from any thread).</summary>
    public void CorrectDrift() => Interlocked.Increment(ref driftsAsked);

    /// <summary>One look, as an agent's loop would: converge on a new generation, else heartbeat and resend.</summary>
    public async Task StepAsync(DateTimeOffset now)
    {
        // An agent journals whether or not it is connected; the tail goes out once it is.
        for (var drifts = Interlocked.Exchange(ref driftsAsked, 0); drifts > 0; drifts--)
            journal.Add(new JournalEvent(journal.Count + 1, now, JournalEventKinds.DriftCorrected, "platform", null, "ConfigMap/pos/pos-region corrected"));
        if (!agent.IsConnected)
            return;
        var desired = agent.LatestDesired;
        if (desired is not null && desired.Generation > reportedGeneration)
        {
            reportedGeneration = desired.Generation;
            await agent.ReportAsync(Phase.Converged);
            var revision = desired.Groups.FirstOrDefault()?.Revision;
            journal.Add(new JournalEvent(journal.Count + 1, now, JournalEventKinds.TargetReceived, null, revision, $"generation {desired.Generation}"));
            journal.Add(new JournalEvent(journal.Count + 1, now, JournalEventKinds.Applied, "platform", revision, $"generation {desired.Generation}"));
            await SendTailAsync(now);
            return;
        }
        if (now - lastSent >= Resend)
        {
            await agent.ReportAsync(Phase.Converged);
            await SendTailAsync(now);
        }
    }

    private async Task SendTailAsync(DateTimeOffset now)
    {
        lastSent = now;
        var tail = journal.Skip((int)Math.Min(agent.AckedSeq, journal.Count)).ToArray();
        if (tail.Length > 0)
            await agent.SendJournalAsync(tail);
    }
}
