using FleetOps.Shared.Contracts;
using static FleetOps.Shared.Tests.Contracts.WireFixtures;

namespace FleetOps.Shared.Tests.Contracts;

/// <summary>A group's inventory on the wire: bounded, so a huge group cannot blow the payload limit, and checked like the rest of a status.</summary>
public sealed class InventoryTests
{
    private static readonly GroupStatus Pos = new("pos", Phase.Converged, Reasons.ReconciliationSucceeded, null, null, null, new ResourceCounts(1, 1), []);

    [Fact]
    public void AGroupPastTheCapListsItsFirstObjectsAndCountsTheRestPerKindLargestFirst()
    {
        var objects = Enumerable.Range(0, GroupInventory.MaxObjects).Select(i => Object("ConfigMap", $"cm-{i:000}"))
            .Concat(Enumerable.Range(0, 7).Select(i => Object("Secret", $"s-{i}")))
            .Concat(Enumerable.Range(0, 3).Select(i => Object("PersistentVolumeClaim", $"pvc-{i}")))
            .ToList();

        var inventory = GroupInventory.Of("pos", objects);

        Assert.Equal(GroupInventory.MaxObjects, inventory.Objects.Count);
        Assert.Equal([new KindCount("Secret", 7), new KindCount("PersistentVolumeClaim", 3)], inventory.More);
        Assert.Equal(GroupInventory.MaxObjects + 10, inventory.Total);
        Assert.Equal(3, inventory.CountOf("PersistentVolumeClaim"));
    }

    [Fact]
    public void KindsPastTheirCapAreCountedTogether()
    {
        var objects = Enumerable.Range(0, GroupInventory.MaxObjects).Select(i => Object("ConfigMap", $"cm-{i}"))
            .Concat(Enumerable.Range(0, GroupInventory.MaxKinds + 5).Select(i => Object($"Kind{i:00}", "x")))
            .ToList();

        var inventory = GroupInventory.Of("pos", objects);

        Assert.Equal(GroupInventory.MaxKinds, inventory.More.Count);
        Assert.Equal(new KindCount(KindCount.OtherKinds, 6), inventory.More[^1]);
        Assert.Equal(objects.Count, inventory.Total);
    }

    [Fact]
    public void AStatusWithInventoriesRoundTripsWithHealthAsAName()
    {
        var status = new StatusMessage(1, Cluster, 3, DateTimeOffset.UnixEpoch, [Pos], [GroupInventory.Of("pos", [Object("Namespace", "pos", ObjectHealthState.InProgress)])]);

        var json = WireCodec.SerializeToString(status);
        var parsed = Codec.Parse<StatusMessage>(Topics.Status(Cluster), System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Contains("\"health\":\"InProgress\"", json);
        Assert.True(parsed.IsOk, parsed.Error?.ToString());
        Assert.Equal(status.Inventories![0], parsed.Message.Inventories![0]);
    }

    [Fact]
    public void AnInventoryForAGroupTheStatusDoesNotListOrOverTheCapIsRefused()
    {
        var stranger = new StatusMessage(1, Cluster, 3, DateTimeOffset.UnixEpoch, [Pos], [GroupInventory.Of("menu", [])]);
        var tooMany = new StatusMessage(1, Cluster, 3, DateTimeOffset.UnixEpoch, [Pos],
            [new GroupInventory("pos", Enumerable.Range(0, GroupInventory.MaxObjects + 1).Select(i => Object("ConfigMap", $"cm-{i}")).ToList(), [])]);

        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), WireCodec.Serialize(stranger)), WireErrorCode.InvalidField, "has no status in this message");
        WireAssert.Refused(Codec.Parse(Topics.Status(Cluster), WireCodec.Serialize(tooMany)), WireErrorCode.InvalidField, "at most");
    }

    [Fact]
    public void AStatusFromAnAgentOlderThanTheInventoryParsesWithNone()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(WireCodec.SerializeToString(new StatusMessage(1, Cluster, 3, DateTimeOffset.UnixEpoch, [Pos])))!.AsObject();
        json.Remove("inventories");

        var parsed = Codec.Parse<StatusMessage>(Topics.Status(Cluster), System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.True(parsed.IsOk, parsed.Error?.ToString());
        Assert.Null(parsed.Message.Inventories);
    }

    [Fact]
    public void AStatusWithoutInventoriesDoesNotSpellOutTheirAbsence() =>
        Assert.DoesNotContain("inventories", WireCodec.SerializeToString(new StatusMessage(1, Cluster, 3, DateTimeOffset.UnixEpoch, [Pos])));

    private static InventoryObject Object(string kind, string name, ObjectHealthState health = ObjectHealthState.Healthy) => new(kind, "pos", name, health);
}
