namespace FleetOps.Shared.Rendering;

/// <summary>Why a render or a substitution failed; all of them are reported with reason RenderFailed.</summary>
public enum RenderErrorKind
{
    /// <summary>The group path is empty, absolute, contains '..', leaves the repository or does not exist.</summary>
    InvalidPath,

    /// <summary>The folder needs kustomize and none of kustomize, kubectl or k3s was found.</summary>
    ToolNotFound,

    /// <summary>kustomize could not start or exited with an error; the message carries its output.</summary>
    KustomizeFailed,

    /// <summary>kustomize did not finish in time and was stopped.</summary>
    TimedOut,

    /// <summary>A file is not valid YAML, or holds a value JSON cannot carry.</summary>
    InvalidYaml,

    /// <summary>A document is not a Kubernetes object: apiVersion, kind or metadata.name missing or not text.</summary>
    InvalidObject,

    /// <summary>Two objects share group, kind, namespace and name.</summary>
    DuplicateObject,

    /// <summary>A <c>${cluster...}</c> variable has no value and no default.</summary>
    UndefinedVariable,

    /// <summary>A <c>${cluster...}</c> reference is malformed or names no known variable.</summary>
    InvalidVariable,
}
