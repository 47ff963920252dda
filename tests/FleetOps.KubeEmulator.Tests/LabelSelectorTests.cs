using System.Net;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Label selectors with every operator, parsed as apimachinery does and applied by LIST.</summary>
public sealed class LabelSelectorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("app=web", "web-east,web-west")]
    [InlineData("app==web", "web-east,web-west")]
    [InlineData("app!=web", "db,bare")]
    [InlineData("region in (east,north)", "web-east,db")]
    [InlineData("region notin (east)", "web-west,db,bare")]
    [InlineData("canary", "web-west")]
    [InlineData("!canary", "web-east,db,bare")]
    [InlineData("app=web,region!=west", "web-east")]
    [InlineData("app in (web, db),!canary,region", "web-east,db")]
    [InlineData("", "web-east,web-west,db,bare")]
    public async Task ListAppliesEveryOperator(string selector, string expected)
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        foreach (var (name, labels) in Objects)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, "default");
        }

        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: selector);

        Assert.Equal(expected.Split(',').Order(), list.Items.Select(i => i.Metadata.Name).Where(n => n != "kube-root-ca.crt").Order());
    }

    [Theory]
    [InlineData("app in (web")]
    [InlineData("app=bad value")]
    [InlineData("=x")]
    public async Task MalformedSelectorsAre400(string selector)
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Get, "/api/v1/configmaps?labelSelector=" + Uri.EscapeDataString(selector));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.StartsWith("unable to parse requirement", (string?)status["message"]);
    }

    [Fact]
    public void SelectorObjectsMatchLikeTheirStringForm()
    {
        var selector = LabelSelector.FromObject(JsonNode.Parse("""
            {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"ring","operator":"NotIn","values":["canary"]},{"key":"tier","operator":"Exists"}]}
            """)!.AsObject());

        Assert.True(selector.Matches(Labels(("app", "web"), ("tier", "a"))));
        Assert.False(selector.Matches(Labels(("app", "web"), ("tier", "a"), ("ring", "canary"))));
        Assert.False(selector.Matches(Labels(("app", "web"))));
    }

    [Fact]
    public async Task LimitAndContinuePageThroughAList()
    {
        using var client = fixture.NewCluster().CreateClient();
        for (var i = 0; i < 5; i++)
            await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = $"s{i}" } }, "default");

        var first = await client.CoreV1.ListNamespacedSecretAsync("default", limit: 3);
        var rest = await client.CoreV1.ListNamespacedSecretAsync("default", limit: 3, continueParameter: first.Metadata.ContinueProperty);

        Assert.Equal(["s0", "s1", "s2"], first.Items.Select(s => s.Metadata.Name));
        Assert.Equal(2, first.Metadata.RemainingItemCount);
        Assert.Equal(["s3", "s4"], rest.Items.Select(s => s.Metadata.Name));
        Assert.Null(rest.Metadata.ContinueProperty);
    }

    private static readonly (string Name, Dictionary<string, string> Labels)[] Objects =
    [
        ("web-east", new() { ["app"] = "web", ["region"] = "east" }),
        ("web-west", new() { ["app"] = "web", ["region"] = "west", ["canary"] = "true" }),
        ("db", new() { ["app"] = "db", ["region"] = "north" }),
        ("bare", new()),
    ];

    private static JsonObject Labels(params (string Key, string Value)[] pairs)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            labels[key] = value;
        }

        return labels;
    }
}
