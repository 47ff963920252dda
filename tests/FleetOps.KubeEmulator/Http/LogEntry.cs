namespace FleetOps.KubeEmulator.Http;

/// <summary>What the request log records, filled in as routing learns it.</summary>
internal sealed class LogEntry(string method, string path)
{
    public string Verb { get; set; } = method == "GET" ? "get" : method.ToLowerInvariant();

    public string? Resource { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Subresource { get; set; }

    public string? PatchType { get; set; }

    public string? FieldManager { get; set; }

    public bool DryRun { get; set; }

    /// <summary>The object or patch the request sent, as text.</summary>
    public string? Body { get; set; }

    public KubeRequest ToRequest(DateTimeOffset time, int status, bool withBody) =>
        new(time, method, path, Verb, Resource, Namespace, Name, Subresource, PatchType, FieldManager, DryRun, status, withBody ? Body : null);
}
