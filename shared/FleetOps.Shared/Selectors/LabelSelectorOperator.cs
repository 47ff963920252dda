using System.Text.Json.Serialization;

namespace FleetOps.Shared.Selectors;

/// <summary>The set-based operators of a Kubernetes label selector requirement.</summary>
// Serialized by name, as Kubernetes writes them, so JSON stays readable and survives reordering.
[JsonConverter(typeof(JsonStringEnumConverter<LabelSelectorOperator>))]
public enum LabelSelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
