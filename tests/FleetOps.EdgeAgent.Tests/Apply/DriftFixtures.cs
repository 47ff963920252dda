using System.Text.Json.Nodes;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Apply;

/// <summary>The drift fixtures: refusals in <c>testdata/drift/refusals</c>, Status bodies as kube-apiserver sends them.</summary>
internal static class DriftFixtures
{
    public static JsonObject Refusal(string name) => JsonNode.Parse(TestData.Read("drift", "refusals", name + ".json"))!.AsObject();
}
