namespace FleetOps.Shared.Contracts;

/// <summary>How group phases combine into one cluster phase: the worst wins.</summary>
public static class PhaseRollup
{
    /// <summary>Failed &gt; Degraded &gt; Progressing &gt; Pending &gt; Converged.</summary>
    public static int Severity(Phase phase) => phase switch
    {
        Phase.Converged => 0,
        Phase.Pending => 1,
        Phase.Progressing => 2,
        Phase.Degraded => 3,
        Phase.Failed => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "only agent-reported phases have a severity"),
    };

    /// <summary>The worst of the groups' phases; a cluster with no groups owns nothing and is Converged.</summary>
    public static Phase Worst(IEnumerable<Phase> groupPhases)
    {
        var worst = Phase.Converged;
        foreach (var phase in groupPhases)
        {
            if (Severity(phase) > Severity(worst))
                worst = phase;
        }
        return worst;
    }

    /// <summary>
    /// The hub's view of a cluster: Unknown until it first reports, Offline while its presence is offline,
    /// else the worst of its groups.
    /// </summary>
    public static Phase ForCluster(bool hasReported, bool online, IEnumerable<Phase> groupPhases)
    {
        if (!hasReported)
            return Phase.Unknown;
        return online ? Worst(groupPhases) : Phase.Offline;
    }
}
