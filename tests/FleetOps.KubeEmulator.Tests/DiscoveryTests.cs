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
    [InlineData("/apis/autoscaling/v1", "horizontalpodautoscalers", true)]
    [InlineData("/apis/autoscaling/v2", "horizontalpodautoscalers", true)]
    [InlineData("/apis/discovery.k8s.io/v1", "endpointslices", true)]
    [InlineData("/apis/events.k8s.io/v1", "events", true)]
    [InlineData("/apis/scheduling.k8s.io/v1", "priorityclasses", false)]
    [InlineData("/apis/node.k8s.io/v1", "runtimeclasses", false)]
    [InlineData("/apis/helm.cattle.io/v1", "helmcharts", true)]
    [InlineData("/apis/helm.cattle.io/v1", "helmchartconfigs", true)]
    [InlineData("/apis/k3s.cattle.io/v1", "addons", true)]
    [InlineData("/apis/k3s.cattle.io/v1", "etcdsnapshotfiles", false)]
    [InlineData("/apis/traefik.io/v1alpha1", "ingressroutes", true)]
    [InlineData("/apis/traefik.io/v1alpha1", "middlewares", true)]
    [InlineData("/apis/traefik.io/v1alpha1", "tlsoptions", true)]
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
    public async Task EveryNewClusterHasTheCrdsK3sInstallsEstablished()
    {
        using var client = fixture.NewCluster().CreateClient();

        var crds = (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.ToDictionary(c => c.Metadata.Name);

        string[] expected =
        [
            "helmcharts.helm.cattle.io", "helmchartconfigs.helm.cattle.io", "addons.k3s.cattle.io", "etcdsnapshotfiles.k3s.cattle.io",
            "ingressroutes.traefik.io", "ingressroutetcps.traefik.io", "ingressrouteudps.traefik.io", "middlewares.traefik.io",
            "middlewaretcps.traefik.io", "serverstransports.traefik.io", "serverstransporttcps.traefik.io", "tlsoptions.traefik.io",
            "tlsstores.traefik.io", "traefikservices.traefik.io",
        ];
        Assert.Equal(expected.Order(), crds.Keys.Order());
        Assert.All(crds.Values, c => Assert.Contains(c.Status.Conditions, x => x.Type == "Established" && x.Status == "True"));
        Assert.Equal(("HelmChart", "Namespaced"), (crds["helmcharts.helm.cattle.io"].Spec.Names.Kind, crds["helmcharts.helm.cattle.io"].Spec.Scope));
        Assert.Equal(("ETCDSnapshotFile", "Cluster"), (crds["etcdsnapshotfiles.k3s.cattle.io"].Spec.Names.Kind, crds["etcdsnapshotfiles.k3s.cattle.io"].Spec.Scope));
        Assert.Equal("IngressRouteTCP", crds["ingressroutetcps.traefik.io"].Spec.Names.Kind);
    }

    [Fact]
    public async Task AutoscalingServesV2AsPreferredBesideV1AndTheSystemPriorityClassesExist()
    {
        using var client = fixture.NewCluster().CreateClient();

        var groups = await client.Apis.GetAPIVersionsAsync();
        var autoscaling = groups.Groups.Single(g => g.Name == "autoscaling");
        var nodeCritical = await client.SchedulingV1.ReadPriorityClassAsync("system-node-critical");
        var clusterCritical = await client.SchedulingV1.ReadPriorityClassAsync("system-cluster-critical");

        Assert.Equal(["autoscaling/v2", "autoscaling/v1"], autoscaling.Versions.Select(v => v.GroupVersion));
        Assert.Equal("autoscaling/v2", autoscaling.PreferredVersion.GroupVersion);
        Assert.Equal(2000001000, nodeCritical.Value);
        Assert.Equal(2000000000, clusterCritical.Value);
    }

    [Fact]
    public async Task KubectlApiResourcesListsK3sKindsAndAHelmChartCanBeApplied()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);

        var resources = await kubectl.RunAsync("api-resources", "-o", "name");
        var applied = await kubectl.RunAsync("apply", "--server-side", "-f", FleetOps.Testing.Files.TestData.PathOf("helmchart.yaml"));
        var got = await kubectl.RunAsync("get", "helmchart", "-n", "kube-system", "-o", "name");

        Assert.True(resources.ExitCode == 0, resources.ToString());
        var names = resources.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("helmcharts.helm.cattle.io", names);
        Assert.Contains("addons.k3s.cattle.io", names);
        Assert.Contains("ingressroutes.traefik.io", names);
        Assert.Contains("middlewares.traefik.io", names);
        Assert.Contains("endpointslices.discovery.k8s.io", names);
        Assert.Contains("events.events.k8s.io", names);
        Assert.Contains("priorityclasses.scheduling.k8s.io", names);
        Assert.Contains("runtimeclasses.node.k8s.io", names);
        Assert.Contains("horizontalpodautoscalers.autoscaling", names);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("helmchart.helm.cattle.io/grafana", got.Stdout.Trim());
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
