using System.Text;
using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Contracts;

/// <summary>The wire tests' fixtures (testdata/contracts) and their one way of saying a payload was refused.</summary>
internal static class WireFixtures
{
    public const string Cluster = "store-0042";

    public static byte[] Payload(string file) => Encoding.UTF8.GetBytes(TestData.Read("contracts", file));

    public static JsonNode Node(string file) => JsonNode.Parse(TestData.Read("contracts", file))!;

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static void AssertRefused<T>(ParseResult<T> result, WireErrorCode code, string? mentions = null) where T : class
    {
        Assert.False(result.IsOk, "payload was accepted but should have been refused");
        Assert.Equal(code, result.Error.Code);
        if (mentions is not null)
            Assert.Contains(mentions, result.Error.Message);
    }
}
