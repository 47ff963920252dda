using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using k8s;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Discovery lists the built-in groups and kinds with their scope, in the legacy format clients fall back to.</summary>
public sealed class DiscoveryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("/api/v1", "namespaces", false)]
    [InlineData("/api/v1", "configmaps", true)]
    [InlineData("/api/v1", "secrets", true)]
    [InlineData("/api/v1", "services", true)]
    [InlineData("/api/v1", "serviceaccounts", true)]
    [InlineData("/api/v1", "pods", true)]
    [InlineData("/api/v1", "persistentvolumeclaims", true)]
    [InlineData("/apis/apps/v1", "deployments", true)]
    [InlineData("/apis/apps/v1", "statefulsets", true)]
    [InlineData("/apis/apps/v1", "daemonsets", true)]
    [InlineData("/apis/apps/v1", "replicasets", true)]
    [InlineData("/apis/batch/v1", "jobs", true)]
    [InlineData("/apis/batch/v1", "cronjobs", true)]
    [InlineData("/apis/networking.k8s.io/v1", "ingresses", true)]
    [InlineData("/apis/networking.k8s.io/v1", "networkpolicies", true)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "roles", true)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "rolebindings", true)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "clusterroles", false)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "clusterrolebindings", false)]
    [InlineData("/apis/apiextensions.k8s.io/v1", "customresourcedefinitions", false)]
    public async Task ResourceListsGiveEachKindItsScope(string path, string resource, bool namespaced)
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, list) = await RawApi.SendAsync(client, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("APIResourceList", (string?)list["kind"]);
        var entry = list["resources"]!.AsArray().Single(r => (string?)r!["name"] == resource)!;
        Assert.Equal(namespaced, (bool?)entry["namespaced"]);
        Assert.Contains("patch", entry["verbs"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public async Task TypedDiscoveryCallsSucceed()
    {
        using var client = fixture.NewCluster().CreateClient();

        var version = await client.Version.GetCodeAsync();
        var core = await client.Core.GetAPIVersionsAsync();
        var groups = await client.Apis.GetAPIVersionsAsync();
        var apps = await client.AppsV1.GetAPIResourcesAsync();

        Assert.Equal(("1", "32"), (version.Major, version.Minor));
        Assert.Equal(["v1"], core.Versions);
        Assert.Contains(groups.Groups, g => g.Name == "apps" && g.PreferredVersion.GroupVersion == "apps/v1");
        Assert.Contains(apps.Resources, r => r.Name == "deployments/status");
    }

    [Fact]
    public async Task AggregatedDiscoveryRequestsGetTheLegacyDocument()
    {
        var cluster = fixture.NewCluster();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, cluster.Server + "/apis");
        request.Headers.Accept.ParseAdd("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");

        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json"), response.Content.Headers.ContentType);
        Assert.Equal("APIGroupList", (string?)body["kind"]);
    }
}
