using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Contracts;

/// <summary>The contract fixtures in testdata/contracts, the codec that reads them, and the cluster they name.</summary>
internal static class WireFixtures
{
    public const string Cluster = "store-0042";

    public static readonly WireCodec Codec = WireCodec.Default;

    public static byte[] Payload(string file) => Encoding.UTF8.GetBytes(TestData.Read("contracts", file));

    public static JsonNode Node(string file) => JsonNode.Parse(TestData.Read("contracts", file))!;

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
