using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Health;

namespace FleetOps.EdgeAgent.Tests.Health;

public sealed class HealthRulesTests
{
    private static ObjectHealth Eval(string json) => HealthRules.Evaluate(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void DeploymentIsHealthyWhenAllReplicasAreUpdatedAndAvailable()
    {
        Assert.True(Eval("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}""").IsHealthy);
    }

    [Fact]
    public void DeploymentWhoseGenerationIsNotObservedIsInProgress()
    {
        var h = Eval("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":3},"spec":{"replicas":1},"status":{"observedGeneration":2,"replicas":1,"updatedReplicas":1,"availableReplicas":1}}""");
        Assert.Equal(HealthState.InProgress, h.State);
        Assert.Contains("generation 3", h.Message);
    }

    [Fact]
    public void DeploymentWithUnavailableReplicasSaysHowMany()
    {
        var h = Eval("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":3},"status":{"observedGeneration":1,"replicas":3,"updatedReplicas":3,"availableReplicas":1}}""");
        Assert.Equal("1 of 3 replicas available", h.Message);
    }

    [Fact]
    public void FailedJobIsFailedAndCompleteJobIsHealthy()
    {
        Assert.Equal(HealthState.Failed, Eval("""{"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded"}]}}""").State);
        Assert.True(Eval("""{"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[{"type":"Complete","status":"True"}]}}""").IsHealthy);
    }

    [Fact]
    public void LoadBalancerServiceNeedsAnIngressButClusterIpDoesNot()
    {
        Assert.Equal(HealthState.InProgress, Eval("""{"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{}}}""").State);
        Assert.True(Eval("""{"apiVersion":"v1","kind":"Service","spec":{"type":"ClusterIP"}}""").IsHealthy);
    }

    [Fact]
    public void PvcPodStatefulSetDaemonSetAndCrdFollowKstatus()
    {
        Assert.Equal(HealthState.InProgress, Eval("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Pending"}}""").State);
        Assert.True(Eval("""{"apiVersion":"v1","kind":"Pod","status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""").IsHealthy);
        Assert.Equal(HealthState.InProgress, Eval("""{"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"replicas":2},"status":{"readyReplicas":1}}""").State);
        Assert.True(Eval("""{"apiVersion":"apps/v1","kind":"DaemonSet","status":{"desiredNumberScheduled":1,"updatedNumberScheduled":1,"numberAvailable":1}}""").IsHealthy);
        Assert.Equal(HealthState.InProgress, Eval("""{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{}}""").State);
        Assert.True(Eval("""{"apiVersion":"v1","kind":"ConfigMap"}""").IsHealthy);
    }
}
