using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops label</c>: the registry labels after the change, what the agent reports beside them, and where to see the groups.</summary>
public static class LabelView
{
    public static void Write(Screen screen, ClusterLabels labels)
    {
        screen.Line(Markup.Escape($"{labels.Id} labels: {ClustersView.Labels(labels.Labels)}"));
        if (ClusterDetailView.AgentLabels(labels) is { } agent)
            screen.Line(Styles.Dim("its agent reports: ") + agent);
        screen.Line(Styles.Dim("its groups follow them: ") + Markup.Escape($"fleetops cluster {labels.Id}"));
    }
}
