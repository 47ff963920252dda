using System.Net;
using FleetOps.EdgeAgent.Apply;

namespace FleetOps.EdgeAgent.Tests.Apply;

/// <summary>kube-apiserver refusals (testdata/drift/refusals) read cause by cause: recreate only where it can help.</summary>
public sealed class ImmutableFieldRefusalTests
{
    [Theory]
    [InlineData("deployment-selector")]
    [InlineData("statefulset-spec")]
    [InlineData("pvc-spec")]
    [InlineData("configmap-immutable")]
    [InlineData("secret-type")]
    [InlineData("rolebinding-roleref")]
    [InlineData("service-cluster-ip")]
    public void ARefusalOfFieldsThatCannotChangeInPlaceIsOneRecreateCanGetPast(string name)
    {
        Assert.True(ImmutableFieldRefusal.RecreateCanHelp(DriftFixtures.Refusal(name)));
        Assert.True(Response(name).RecreateCanHelp);
    }

    [Theory]
    [InlineData("deployment-selector-not-matching-labels")]
    [InlineData("configmap-named-immutable-bad-label")]
    [InlineData("webhook-denied-immutable")]
    public void ARefusalWithAnyOtherCauseIsNotOneRecreateCanGetPast(string name)
    {
        Assert.False(ImmutableFieldRefusal.RecreateCanHelp(DriftFixtures.Refusal(name)));
        Assert.False(Response(name).RecreateCanHelp);
    }

    [Fact]
    public void ABodyThatIsNotAStatusIsNoImmutableFieldRefusal()
    {
        Assert.False(new KubeResponse(HttpStatusCode.UnprocessableEntity, "field is immutable").RecreateCanHelp);
        Assert.False(new KubeResponse(HttpStatusCode.UnprocessableEntity, "").RecreateCanHelp);
    }

    private static KubeResponse Response(string name)
    {
        var status = DriftFixtures.Refusal(name);
        return new KubeResponse((HttpStatusCode)status["code"]!.GetValue<int>(), status.ToJsonString());
    }
}
