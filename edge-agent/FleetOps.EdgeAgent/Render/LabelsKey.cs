namespace FleetOps.EdgeAgent.Render;

/// <summary>Labels as one text (sorted <c>key=value</c> lines): what a render is cached by and a group record remembers.</summary>
public static class LabelsKey
{
    public static string? Of(IReadOnlyDictionary<string, string>? labels) => labels is null ? null
        : string.Join('\n', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
