using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// The one way desired state enters the agent: parsed with <see cref="WireCodec"/>, written to the
/// store before anything acts on it, older generations ignored, bad payloads journaled while the last
/// good desired state keeps running.
/// </summary>
public sealed class DesiredStateIntake(
    AgentOptions options,
    IAgentStore store,
    IDesiredStateListener listener,
    ILogger<DesiredStateIntake> logger)
{
    private readonly Lock gate = new();

    public void Receive(string topic, ReadOnlySpan<byte> payload)
    {
        var parsed = WireCodec.Default.Parse<DesiredMessage>(topic, payload);
        if (!parsed.IsOk)
        {
            logger.LogWarning("Rejected desired state on {Topic}: {Error}; keeping the last good one", topic, parsed.Error.ToString());
            store.Append(JournalEventKinds.DesiredRejected, detail: parsed.Error.ToString());
            return;
        }
        Accept(parsed.Message);
    }

    /// <summary>Accepts an already parsed desired state (also used at start with the stored one).</summary>
    public bool Accept(DesiredMessage desired)
    {
        lock (gate)
        {
            var held = store.LoadDesired();
            if (held is not null && desired.Generation <= held.Generation)
            {
                // The broker re-delivers the retained desired state on every reconnect: normal, not news.
                logger.LogDebug("Ignored desired generation {Generation}: holding {Held}", desired.Generation, held.Generation);
                return false;
            }
            store.SaveDesired(desired);
            store.Append(JournalEventKinds.TargetReceived, detail: Describe(desired));
        }
        logger.LogInformation("Desired generation {Generation} for {ClusterId}: {Groups}", desired.Generation, options.ClusterId, Describe(desired));
        listener.OnDesired(desired);
        return true;
    }

    private static string Describe(DesiredMessage d) =>
        d.Groups.Count == 0
            ? $"generation {d.Generation}: no groups"
            : $"generation {d.Generation}: " + string.Join(", ", d.Groups.Select(g => $"{g.Name}@{Revisions.Short(g.Revision)}{(g.Note is null ? "" : $" ({g.Note})")}"));
}
