using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

/// <summary>The hello's renderer is optional both ways: older agents do not send it, older hubs ignore it.</summary>
public sealed class HelloRendererTests
{
    [Fact]
    public void AHelloFromAnAgentThatSendsNoRendererIsRead()
    {
        var hello = Codec.Parse<HelloMessage>(Topics.Hello(Cluster), Payload("hello.json"));

        Assert.True(hello.IsOk, hello.IsOk ? null : hello.Error.ToString());
        Assert.Null(hello.Message!.Renderer);
    }

    [Fact]
    public void AHelloWithARendererCarriesIt()
    {
        var json = Node("hello.json");
        json["renderer"] = "k3s kubectl kustomize (kubectl v1.30.4, kustomize v5.0.4)";

        var hello = Codec.Parse<HelloMessage>(Topics.Hello(Cluster), Bytes(json));

        Assert.True(hello.IsOk);
        Assert.Equal("k3s kubectl kustomize (kubectl v1.30.4, kustomize v5.0.4)", hello.Message!.Renderer);
    }

    [Fact]
    public void AnUnboundedRendererIsRefused()
    {
        var json = Node("hello.json");
        json["renderer"] = new string('x', MessageRules.MaxRendererLength + 1);

        WireAssert.Refused(Codec.Parse(Topics.Hello(Cluster), Bytes(json)), WireErrorCode.InvalidField, "renderer");
    }

    [Fact]
    public void ANewHelloWritesItsRendererForTheHubAndAnOlderHubSkipsIt()
    {
        var hello = new HelloMessage(WireVersion.Current, Cluster, "0.1.0", new Dictionary<string, string>(), null, 1, 0, DateTimeOffset.UnixEpoch, "kubectl kustomize (kubectl v1.32.4, kustomize v5.5.0)");
        var text = System.Text.Encoding.UTF8.GetString(WireCodec.Serialize(hello));

        Assert.Contains("\"renderer\":\"kubectl kustomize (kubectl v1.32.4, kustomize v5.5.0)\"", text);
        // What an older hub does with it: System.Text.Json skips members it does not know (no UnmappedMemberHandling.Disallow).
        Assert.DoesNotContain("UnmappedMemberHandling", File.ReadAllText(FleetOps.Testing.Files.Checkout.PathOf("shared", "FleetOps.Shared", "Contracts", "ContractsJsonContext.cs")));
    }
}
