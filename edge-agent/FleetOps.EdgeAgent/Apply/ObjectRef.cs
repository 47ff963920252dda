namespace FleetOps.EdgeAgent.Apply;

/// <summary>Names one Kubernetes object. <see cref="Subject"/> is how logs, ChangeSets and status name it.</summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> for cluster-scoped objects (Flux's form).</summary>
    public string Subject => string.IsNullOrEmpty(Namespace) ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public bool IsNamespace => Kind == "Namespace" && ApiVersion == "v1";

    public bool IsCrd => Kind == "CustomResourceDefinition" && Group == "apiextensions.k8s.io";

    public override string ToString() => Subject;
}
