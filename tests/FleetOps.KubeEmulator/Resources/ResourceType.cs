namespace FleetOps.KubeEmulator.Resources;

/// <summary>One served resource: what discovery lists and what every handler needs to know about a kind.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    string[] ShortNames,
    bool HasStatus,
    bool HasGeneration,
    bool BuiltIn = true,
    string[]? Categories = null,
    bool HasScale = false)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>How the API server names the resource in messages, e.g. <c>deployments.apps</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>How the API server names the kind in validation messages, e.g. <c>Deployment.apps</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>Objects of every served version of a resource share one store.</summary>
    public string StoreKey => $"{Group}/{Plural}";

    public bool Is(string group, string kind) => Group == group && Kind == kind;
}
