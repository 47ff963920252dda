using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Source;
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
    private string? sourceWarnedFor;

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
        WarnIfSourceDiffers(desired.Source);
        listener.OnDesired(desired);
        return true;
    }

    /// <summary>
    /// The hub's source URL is only a hint: the agent fetches from its own. A different one is worth one line (a
    /// misconfigured store, or a hub trying to point it elsewhere), not one per message.
    /// </summary>
    private void WarnIfSourceDiffers(SourceRef hubs)
    {
        if (options.Source is not { } own || hubs.Url == own.Url || hubs.Url == sourceWarnedFor)
            return;
        sourceWarnedFor = hubs.Url;
        logger.LogWarning("The hub names {HubUrl} as the source; this agent fetches only from its own {Url} (FLEETOPS_SOURCE_URL)",
            SourceUrls.Redact(hubs.Url), SourceUrls.Redact(own.Url));
    }

    private static string Describe(DesiredMessage d) =>
        d.Groups.Count == 0
            ? $"generation {d.Generation}: no groups"
            : $"generation {d.Generation}: " + string.Join(", ", d.Groups.Select(g => $"{g.Name}@{Revisions.Short(g.Revision)}{(g.Note is null ? "" : $" ({g.Note})")}"));
}
