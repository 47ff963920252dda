using System.Globalization;
using System.Text;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Metrics;

/// <summary>Writes the hub's figures in the Prometheus text exposition format (version 0.0.4).</summary>
internal static class PrometheusWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly (string Name, string Label, string Help)[] CounterFamilies =
    [
        ("messages_in", "kind", "MQTT messages received from agents, by kind."),
        ("messages_out", "kind", "MQTT messages published to agents, by kind."),
        ("refused_payloads", "code", "Payloads dropped because they did not parse or were not allowed, by code."),
        ("refused_clients", "reason", "MQTT connections refused by the embedded broker, by reason."),
        ("refused_publishes", "", "Publishes refused by the embedded broker's topic rule."),
        ("refused_subscriptions", "", "Subscriptions refused by the embedded broker's topic rule."),
        ("journal_gaps", "", "Journal batches that started past the next expected seq."),
    ];

    public static string Write(HubMetrics metrics, PhaseCounts clusters)
    {
        var text = new StringBuilder();
        text.AppendLine("# HELP fleetops_hub_clusters Registered clusters by hub phase.");
        text.AppendLine("# TYPE fleetops_hub_clusters gauge");
        foreach (var (phase, count) in ByPhase(clusters))
            text.Append(CultureInfo.InvariantCulture, $"fleetops_hub_clusters{{phase=\"{phase}\"}} {count}\n");

        var counters = metrics.Counters.ToList();
        foreach (var (name, label, help) in CounterFamilies)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP fleetops_hub_{name}_total {help}\n# TYPE fleetops_hub_{name}_total counter\n");
            var series = counters.Where(c => c.Name == name).OrderBy(c => c.Label, StringComparer.Ordinal).ToList();
            if (label.Length == 0)
                text.Append(CultureInfo.InvariantCulture, $"fleetops_hub_{name}_total {series.Sum(s => s.Value)}\n");
            else
                foreach (var s in series)
                    text.Append(CultureInfo.InvariantCulture, $"fleetops_hub_{name}_total{{{label}=\"{Escape(s.Label)}\"}} {s.Value}\n");
        }

        foreach (var (name, help) in new[] { ("git_fetch", "Time to poll and fetch the fleet-config repository."), ("render", "Time to render every group at a new commit.") })
        {
            var d = metrics.Durations.FirstOrDefault(x => x.Name == name);
            text.Append(CultureInfo.InvariantCulture, $"# HELP fleetops_hub_{name}_seconds {help}\n# TYPE fleetops_hub_{name}_seconds summary\n");
            text.Append(CultureInfo.InvariantCulture, $"fleetops_hub_{name}_seconds_sum {d.SumSeconds}\nfleetops_hub_{name}_seconds_count {d.Count}\n");
            text.Append(CultureInfo.InvariantCulture, $"# HELP fleetops_hub_{name}_last_seconds The most recent one.\n# TYPE fleetops_hub_{name}_last_seconds gauge\nfleetops_hub_{name}_last_seconds {d.LastSeconds}\n");
        }
        return text.ToString();
    }

    private static IEnumerable<(string, int)> ByPhase(PhaseCounts c) =>
    [
        ("Converged", c.Converged), ("Pending", c.Pending), ("Progressing", c.Progressing), ("Degraded", c.Degraded),
        ("Failed", c.Failed), ("Offline", c.Offline), ("Unknown", c.Unknown),
    ];

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
