using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>One object on its way through an apply: where it lives, what is there now, what to do.</summary>
internal sealed class PlannedObject(DesiredObject desired, ApiResource? resource)
{
    public DesiredObject Desired { get; } = desired;

    public ObjectRef Ref => Desired.Ref;

    /// <summary>Null until a CRD applied in this run defines the kind.</summary>
    public ApiResource? Resource { get; set; } = resource;

    public JsonObject? Live { get; set; }

    /// <summary>The object as read, unparsed into nodes: what the drift check walks (null when it does not exist).</summary>
    public System.Text.Json.JsonElement? LiveElement { get; set; }

    public ChangeAction Action { get; set; } = ChangeAction.Unchanged;

    /// <summary>The drift check could not settle it (a field of the manifest is no longer ours): a dry run decides.</summary>
    public bool AwaitsDryRun { get; set; }

    /// <summary>The manifest's fields our field manager no longer owns, for the log line that reports drift.</summary>
    public IReadOnlyList<string> Unowned { get; set; } = [];

    /// <summary>The dry run refused an immutable-field change and the manifest allows delete-and-recreate.</summary>
    public bool Recreate { get; set; }

    /// <summary>What the write changed, between the object as read and as the server returned it; null until written.</summary>
    public FleetOps.Shared.Contracts.ObjectChange? Change { get; set; }

    public bool NeedsWrite => Action != ChangeAction.Unchanged;

    public bool IsClusterDefinition => Ref.IsNamespace || Ref.IsCrd;
}
