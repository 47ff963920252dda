using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// What an agent writes is stored without control characters (<see cref="SafeText"/>): the CLI cleans what it
/// shows, but the API serves the same text to dashboards, scripts and <c>curl</c> in a terminal, and a journal
/// is kept for a long time. A message with nothing to clean is returned as it is, without a copy.
/// </summary>
internal static class AgentText
{
    public static IClusterMessage Clean(IClusterMessage message) => message switch
    {
        JournalMessage journal when !journal.Events.All(IsClean) => journal with { Events = journal.Events.Select(Clean).ToList() },
        StatusMessage status when !status.Groups.All(IsClean) || !(status.Inventories ?? []).All(IsClean) =>
            status with { Groups = status.Groups.Select(Clean).ToList(), Inventories = status.Inventories?.Select(Clean).ToList() },
        HelloMessage hello when !SafeText.IsClean(hello.AgentVersion, false) || !SafeText.IsClean(hello.KubernetesVersion, false) =>
            hello with { AgentVersion = Line(hello.AgentVersion), KubernetesVersion = LineOrNull(hello.KubernetesVersion) },
        _ => message,
    };

    private static bool IsClean(JournalEvent e) =>
        SafeText.IsClean(e.Kind, false) && SafeText.IsClean(e.Group, false) && SafeText.IsClean(e.Revision, false) && SafeText.IsClean(e.Detail)
        && (e.Changes ?? []).All(c => SafeText.IsClean(c.Subject, false) && SafeText.IsClean(c.Action, false)
            && c.Fields.All(f => SafeText.IsClean(f.Field, false) && SafeText.IsClean(f.From, false) && SafeText.IsClean(f.To, false)));

    private static JournalEvent Clean(JournalEvent e) => e with
    {
        Kind = Line(e.Kind),
        Group = LineOrNull(e.Group),
        Revision = LineOrNull(e.Revision),
        Detail = SafeText.CleanOrNull(e.Detail),
        Changes = e.Changes?.Select(c => c with
        {
            Subject = Line(c.Subject),
            Action = Line(c.Action),
            Fields = c.Fields.Select(f => f with { Field = Line(f.Field), From = LineOrNull(f.From), To = LineOrNull(f.To) }).ToList(),
        }).ToList(),
    };

    private static bool IsClean(GroupStatus g) =>
        SafeText.IsClean(g.Name, false) && SafeText.IsClean(g.Reason, false) && SafeText.IsClean(g.Message)
        && SafeText.IsClean(g.DesiredRevision, false) && SafeText.IsClean(g.AppliedRevision, false)
        && g.Unhealthy.All(u => SafeText.IsClean(u.Subject, false) && SafeText.IsClean(u.Message));

    private static GroupStatus Clean(GroupStatus g) => g with
    {
        Name = Line(g.Name),
        Reason = Line(g.Reason),
        Message = SafeText.CleanOrNull(g.Message),
        DesiredRevision = LineOrNull(g.DesiredRevision),
        AppliedRevision = LineOrNull(g.AppliedRevision),
        Unhealthy = g.Unhealthy.Select(u => new UnhealthyObject(Line(u.Subject), SafeText.Clean(u.Message))).ToList(),
    };

    private static bool IsClean(GroupInventory i) =>
        SafeText.IsClean(i.Group, false) && i.Objects.All(o => SafeText.IsClean(o.Kind, false) && SafeText.IsClean(o.Namespace, false) && SafeText.IsClean(o.Name, false))
        && i.More.All(k => SafeText.IsClean(k.Kind, false));

    private static GroupInventory Clean(GroupInventory i) => new(
        Line(i.Group),
        i.Objects.Select(o => o with { Kind = Line(o.Kind), Namespace = LineOrNull(o.Namespace), Name = Line(o.Name) }).ToList(),
        i.More.Select(k => k with { Kind = Line(k.Kind) }).ToList());

    /// <summary>Names, kinds and revisions are one line.</summary>
    private static string Line(string text) => SafeText.Clean(text, keepLineBreaks: false);

    private static string? LineOrNull(string? text) => SafeText.CleanOrNull(text, keepLineBreaks: false);
}
