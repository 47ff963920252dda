using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.State;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace FleetOps.EdgeAgent.Tests.Apply;

public sealed class PrunerTests
{
    private readonly IResourceManager resources = Substitute.For<IResourceManager>();

    private static InventoryEntry Entry(string apiVersion, string kind, string? ns, string name) => new(new ObjectRef(apiVersion, kind, ns, name), "h");

    private void Live(string name, string? group, string? pruneAnnotation = null)
    {
        var labels = group is null ? "{}" : $$"""{"fleetops.io/group":"{{group}}"}""";
        var annotations = pruneAnnotation is null ? "{}" : $$"""{"fleetops.io/prune":"{{pruneAnnotation}}"}""";
        resources.GetAsync(Arg.Is<ObjectRef>(r => r.Name == name), Arg.Any<CancellationToken>())
            .Returns(JsonNode.Parse($$$"""{"metadata":{"name":"{{{name}}}","labels":{{{labels}}},"annotations":{{{annotations}}}}}""")!.AsObject());
    }

    [Fact]
    public async Task PruneDeletesWorkloadsBeforeTheirNamespace()
    {
        Live("shop", "pos");
        Live("api", "pos");
        var order = new List<string>();
        resources.DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            order.Add(c.Arg<ObjectRef>().Name);
            return true;
        });

        var result = await new Pruner(resources, NullLogger<Pruner>.Instance).PruneAsync("pos",
            [Entry("v1", "Namespace", null, "shop"), Entry("apps/v1", "Deployment", "shop", "api")], CancellationToken.None);

        Assert.Equal(["api", "shop"], order);
        Assert.Equal(2, result.ChangeSet.Count(ChangeAction.Deleted));
    }

    [Fact]
    public async Task PruneLeavesObjectsOwnedByAnotherGroupOrByNobody()
    {
        Live("theirs", "payments");
        Live("unlabelled", null);

        var result = await new Pruner(resources, NullLogger<Pruner>.Instance).PruneAsync("pos",
            [Entry("v1", "ConfigMap", "a", "theirs"), Entry("v1", "ConfigMap", "a", "unlabelled")], CancellationToken.None);

        await resources.DidNotReceive().DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>());
        Assert.Equal(2, result.ChangeSet.Count(ChangeAction.Skipped));
    }

    [Fact]
    public async Task PruneSkipsObjectsAnnotatedPruneDisabled()
    {
        Live("keep", "pos", "disabled");

        var result = await new Pruner(resources, NullLogger<Pruner>.Instance).PruneAsync("pos", [Entry("v1", "ConfigMap", "a", "keep")], CancellationToken.None);

        await resources.DidNotReceive().DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>());
        Assert.Equal("ConfigMap/a/keep skipped (fleetops.io/prune: disabled)", result.ChangeSet.Entries.Single().ToString());
    }

    [Fact]
    public async Task ObjectsThatFailToDeleteSurviveInTheInventory()
    {
        Live("stuck", "pos");
        resources.DeleteAsync(Arg.Any<ObjectRef>(), Arg.Any<CancellationToken>()).ThrowsAsync(new KubeApiException("forbidden"));

        var result = await new Pruner(resources, NullLogger<Pruner>.Instance).PruneAsync("pos", [Entry("v1", "ConfigMap", "a", "stuck")], CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("stuck", Assert.Single(result.Survivors).Ref.Name);
        Assert.Contains("ConfigMap/a/stuck: forbidden", result.Error);
    }
}
