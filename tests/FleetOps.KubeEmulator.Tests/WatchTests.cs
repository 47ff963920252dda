using System.Net;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Watches stream newline-delimited events, resume from a resourceVersion and end at timeoutSeconds.</summary>
public sealed class WatchTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task WatchFromAResourceVersionReplaysLaterEventsForTheSelectedObject()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var start = (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("watched"), "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("ignored"), "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"2"}}""", V1Patch.PatchType.MergePatch), "watched", "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("watched", "default");

        var events = await ReadWatch(client, $"/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dwatched&resourceVersion={start}&timeoutSeconds=1");

        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => (string?)e["type"]));
        Assert.All(events, e => Assert.Equal("watched", (string?)e["object"]?["metadata"]?["name"]));
        Assert.Equal("2", (string?)events[1]["object"]?["data"]?["k"]);
        var versions = events.Select(e => long.Parse((string)e["object"]!["metadata"]!["resourceVersion"]!)).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public async Task ALabelFilteredWatchSeesObjectsLeaveAndEnterItsSelectorAsDeletedAndAdded()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var start = (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("moving"), "default");
        await Relabel(client, "moving", "elsewhere");
        await Relabel(client, "moving", "me");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"2"}}""", V1Patch.PatchType.MergePatch), "moving", "default");
        await Relabel(client, "moving", "elsewhere");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("moving", "default");

        var events = await ReadWatch(client, $"/api/v1/namespaces/default/configmaps?watch=true&labelSelector=watch%3Dme&resourceVersion={start}&timeoutSeconds=1");

        Assert.Equal(["ADDED", "DELETED", "ADDED", "MODIFIED", "DELETED"], events.Select(e => (string?)e["type"]));
        // A DELETED for an object that left the selector carries its last matching content at the change's version.
        Assert.All(events, e => Assert.Equal("me", (string?)e["object"]?["metadata"]?["labels"]?["watch"]));
        var versions = events.Select(e => long.Parse((string)e["object"]!["metadata"]!["resourceVersion"]!)).ToList();
        Assert.Equal(versions.Distinct().Order(), versions);
        Assert.Equal("2", (string?)events[4]["object"]?["data"]?["k"]);
    }

    [Fact]
    public async Task WatchWithoutResourceVersionStartsWithTheCurrentObjectsThenStreamsChanges()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("existing"), "default");

        var events = await ReadWatch(client, "/api/v1/namespaces/default/configmaps?watch=true&labelSelector=watch%3Dme&timeoutSeconds=10", stopAfter: 2,
            afterFirst: () => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("later"), "default"));

        Assert.Equal([("ADDED", "existing"), ("ADDED", "later")], events.Select(e => ((string?)e["type"], (string?)e["object"]?["metadata"]?["name"])));
    }

    [Fact]
    public async Task WatchFromAVersionOlderThanTheHistoryIsGone()
    {
        var server = new KubeEmulatorServer(new KubeEmulatorOptions { WatchHistory = 2 });
        await using var _ = server;
        await server.StartAsync();
        using var client = server.Cluster("short-memory").CreateClient();
        for (var i = 0; i < 5; i++)
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"cm{i}"), "default");

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Get, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1");

        Assert.Equal(HttpStatusCode.Gone, code);
        Assert.Equal("Expired", (string?)status["reason"]);
    }

    private static Task Relabel(Kubernetes client, string name, string value) =>
        client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["watch"] = value } } }.ToJsonString(), V1Patch.PatchType.MergePatch), name, "default");

    private static V1ConfigMap ConfigMap(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["watch"] = "me" } },
        Data = new Dictionary<string, string> { ["k"] = "1" },
    };

    private static async Task<List<JsonObject>> ReadWatch(Kubernetes client, string path, int stopAfter = int.MaxValue, Func<Task>? afterFirst = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, client.BaseUri.ToString().TrimEnd('/') + path);
        using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JsonObject>();
        while (events.Count < stopAfter && await reader.ReadLineAsync() is { } line)
        {
            events.Add(JsonNode.Parse(line)!.AsObject());
            if (events.Count == 1 && afterFirst is not null)
                await afterFirst();
        }

        return events;
    }
}
