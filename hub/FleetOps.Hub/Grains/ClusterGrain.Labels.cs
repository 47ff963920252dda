using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Selectors;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

internal partial class ClusterGrain
{
    /// <summary>The labels groups select this cluster by (<see cref="LabelRules"/>): the registry's, plus the agent's allowed keys.</summary>
    private IReadOnlyDictionary<string, string> SelectionLabels =>
        LabelRules.ForSelection(S.Labels, S.AgentLabels, hubOptions.Value.AgentLabelKeys);

    /// <summary>
    /// An operator's change to the registry labels: applied as one change, checked as the register API checks labels,
    /// recorded with who asked; the cluster's memberships and desired state follow before it answers.
    /// </summary>
    public async Task<LabelOutcome> RelabelAsync(IReadOnlyDictionary<string, string> set, IReadOnlyList<string> remove, string actor)
    {
        if (!S.Registered)
            return LabelOutcome.NotRegistered;
        var labels = new Dictionary<string, string>(S.Labels, StringComparer.Ordinal);
        foreach (var key in remove)
            labels.Remove(key);
        foreach (var (key, value) in set)
            labels[key] = value;
        if (LabelSet.Validate(labels) is { } problem)
            return new LabelOutcome(null, problem);

        var before = S.Labels;
        S.Labels = labels;
        S.LabelsChangedBy = actor;
        S.LabelsChangedAt = time.GetUtcNow();
        logger.LogInformation("Cluster {Cluster} labels changed by {Actor}: {Before} -> {After}", Id, actor, Text(before), Text(labels));
        await ReconcileDesiredAsync(await Fleet.GetSnapshotAsync(), republish: false, forceWrite: true);
        await ReportAndWaitAsync(force: false);
        return new LabelOutcome(LabelView(), null);
    }

    /// <summary>Keeps what the agent reports as facts; what it cannot be (not a label, too many) is dropped and said once.</summary>
    private void TakeReportedLabels(HelloMessage hello)
    {
        var (kept, dropped) = LabelRules.ReadReported(hello.Labels);
        if (dropped is not null && dropped != S.AgentLabelsDropped)
            logger.LogWarning("Cluster {Cluster}: dropped {Dropped} that its agent reported; the rest of its hello is taken", Id, dropped);
        S.AgentLabels = kept;
        S.AgentLabelsDropped = dropped;
    }

    private ClusterLabels LabelView() => new(
        Id, S.Labels, S.AgentLabels, LabelRules.AgentKeysUsed(S.Labels, S.AgentLabels, hubOptions.Value.AgentLabelKeys),
        S.LabelsChangedBy, S.LabelsChangedAt, S.AgentLabelsDropped);

    private static string Text(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "(none)" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
