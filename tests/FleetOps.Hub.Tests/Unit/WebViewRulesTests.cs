using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security;
using FleetOps.Hub.Web;
using FleetOps.Hub.Web.Reading;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>The web view's pure rules: where a login may send the browser, the member search, and the convergence curve.</summary>
public sealed class WebViewRulesTests
{
    [Theory]
    [InlineData("/groups/pos-east?q=store", "/groups/pos-east?q=store")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("groups/pos-east", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void ALoginReturnsOnlyToAPathOnThisHub(string? asked, string expected) => Assert.Equal(expected, WebSession.LocalPath(asked));

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public void TheSessionCookieIsHttpOnlyStrictAndSecureExactlyWhenServedOverTls(string scheme, bool secure)
    {
        var session = new WebSession(new AdminToken(Options.Create(new HubOptions { AdminToken = "the-token" }), NullLogger<AdminToken>.Instance));
        var http = new DefaultHttpContext();
        http.Request.Scheme = scheme;

        Assert.False(session.TryOpen(http, "not-the-token"));
        Assert.Equal(0, http.Response.Headers.SetCookie.Count);
        Assert.True(session.TryOpen(http, "the-token"));

        var cookie = http.Response.Headers.SetCookie.ToString();
        Assert.StartsWith(WebSession.CookieName + "=", cookie);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("the-token", cookie);
    }

    [Fact]
    public void AMemberSearchThatIsNotUnderstoodSaysWhyAndFiltersNothingByIt()
    {
        var search = MemberFilter.Parse(" store-00 ", "region in (east", "Sleeping");

        Assert.Equal("store-00", search.Text);
        Assert.Null(search.Selector);
        Assert.Null(search.Phase);
        Assert.Contains("region in (east", search.Problem);
        Assert.Equal(Phase.Failed, MemberFilter.Parse(null, null, "failed").Phase);
        Assert.True(MemberFilter.Parse(" ", "", null).IsEmpty);
    }

    [Fact]
    public void FailingMembersComeBeforeWaitingOnesAndConvergedOnesLast()
    {
        var order = Enum.GetValues<Phase>().OrderBy(MemberOrder.Rank).ToList();

        Assert.Equal([Phase.Failed, Phase.Degraded, Phase.Offline, Phase.Unknown, Phase.Progressing, Phase.Pending, Phase.Converged], order);
    }

    [Fact]
    public void TheConvergenceCurveCountsMembersInTheOrderTheyConvergedAfterTheTargetMoved()
    {
        var moved = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        var curve = ConvergenceCurves.From("abc", moved, 4, [moved.AddSeconds(30), moved.AddSeconds(-5), moved.AddSeconds(12)]);

        Assert.Equal(4, curve.Members);
        Assert.Equal([(TimeSpan.Zero, 1), (TimeSpan.FromSeconds(12), 2), (TimeSpan.FromSeconds(30), 3)], curve.Points.Select(p => (p.After, p.Converged)));
    }

    [Fact]
    public void AThousandsStrongCurveKeepsItsShapeInAFewHundredPointsAndEndsAtTheLastMember()
    {
        var moved = DateTimeOffset.UnixEpoch;

        var curve = ConvergenceCurves.From("abc", moved, 10_000, Enumerable.Range(1, 10_000).Select(i => moved.AddMilliseconds(i * 7)));

        Assert.InRange(curve.Points.Count, 100, 250);
        Assert.Equal(10_000, curve.Points[^1].Converged);
        Assert.Equal(TimeSpan.FromMilliseconds(70_000), curve.Points[^1].After);
        Assert.True(curve.Points.Zip(curve.Points.Skip(1)).All(p => p.First.Converged < p.Second.Converged && p.First.After <= p.Second.After));
    }
}
