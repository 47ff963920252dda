namespace FleetOps.EdgeAgent.Apply;

/// <summary>Where objects of one kind live in the REST API, as discovery reports it.</summary>
public sealed record ApiResource(string ApiVersion, string Kind, string Plural, bool Namespaced)
{
    /// <summary><c>api/v1</c> for the core group, else <c>apis/{group}/{version}</c>.</summary>
    public string Prefix => ApiVersion.Contains('/') ? $"apis/{ApiVersion}" : $"api/{ApiVersion}";

    public string PathFor(string? ns, string? name)
    {
        var path = Namespaced ? $"{Prefix}/namespaces/{Uri.EscapeDataString(ns ?? "default")}/{Plural}" : $"{Prefix}/{Plural}";
        return name is null ? path : $"{path}/{Uri.EscapeDataString(name)}";
    }
}
