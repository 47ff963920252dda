using System.Globalization;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Web;

/// <summary>How the pages write shas, times, ages and phases. Times are UTC: a fleet spans time zones, its operators too.</summary>
internal static class WebText
{
    public static string Short(string? sha) => sha is null ? "–" : sha.Length > 7 ? sha[..7] : sha;

    public static string Utc(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "never";

    public static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } t ? Span(now - t) + " ago" : "never";

    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        return span.TotalSeconds < 90 ? $"{span.TotalSeconds:0}s"
            : span.TotalMinutes < 90 ? $"{span.TotalMinutes:0}m"
            : span.TotalHours < 48 ? $"{span.TotalHours:0}h"
            : $"{span.TotalDays:0}d";
    }

    public static string PhaseClass(Phase phase) => "phase-" + phase.ToString().ToLowerInvariant();

    public static string GroupUrl(string name) => "/groups/" + Uri.EscapeDataString(name);

    public static string ClusterUrl(string id) => "/clusters/" + Uri.EscapeDataString(id);

    /// <summary>An event the hub received more than this after the store wrote it waited in the store's outbox: it happened offline.</summary>
    public static readonly TimeSpan OfflineDelay = TimeSpan.FromMinutes(1);
}
