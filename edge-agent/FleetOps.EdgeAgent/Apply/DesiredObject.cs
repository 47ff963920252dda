using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>A rendered manifest ready to apply: its name, body and a hash of the body (to spot a changed manifest).</summary>
public sealed record DesiredObject(ObjectRef Ref, JsonObject Body, string Hash);
