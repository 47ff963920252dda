using System.Text.Json;

namespace FleetOps.Shared.Rendering;

/// <summary>One parsed document before validation; <see cref="Node"/> is kept only to point errors at a field's line.</summary>
internal sealed record ManifestDocument(JsonElement Content, ObjectSource Source, ManifestNode? Node);
