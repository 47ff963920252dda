using System.Net;

namespace FleetOps.Hub.Tests.Web;

/// <summary>Nothing of the fleet without the admin token: the login page, its stylesheet, and a clear word when the token is wrong.</summary>
[Collection(WebCollection.Name)]
public sealed class WebLoginTests(BrowserFixture browser, DemoFleet fleet)
{
    [Fact]
    public async Task WithoutASessionTheLoginPageIsServedAndNoFleetData()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress);

        foreach (var path in new[] { "/", "/groups/platform", $"/clusters/{DemoFleet.Converged}", "/web/live.js" })
        {
            var answer = await tab.GoToAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Equal("/login", new Uri(tab.Page.Url).AbsolutePath);
            // Only the path asked for comes back (in the form, to return to after login); nothing the hub knows does.
            var body = await tab.Page.EvaluateExpressionAsync<string>("document.documentElement.outerHTML");
            Assert.DoesNotContain(DemoFleet.Failing, body);
            Assert.DoesNotContain(DemoFleet.FailureMessage, body);
            Assert.DoesNotContain("pos-east", body);
            Assert.Equal(0, await tab.Page.EvaluateExpressionAsync<int>("document.scripts.length"));
        }
        Assert.Equal("Log in to the fleet", await tab.TextAsync("h1"));
        // Its stylesheet is served to it, and nothing else is.
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("getComputedStyle(document.querySelector('.top')).display === 'flex'"));
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fleet.Hub.ApiAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/web/site.css")).StatusCode);
        var script = await anonymous.GetAsync("/web/live.js");
        Assert.Equal(HttpStatusCode.Redirect, script.StatusCode);
        Assert.Equal("/login?return=%2Fweb%2Flive.js", script.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/fleet")).StatusCode);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedWithAClearMessage()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress);

        var answer = await tab.LogInAsync("fot_not-the-token");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Contains("not this hub's admin token", await tab.TextAsync("#login-problem"));
        Assert.Empty(await tab.Page.GetCookiesAsync());
        Assert.Equal("/login", new Uri((await tab.GoToAsync("/")).Url).AbsolutePath);
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyStrictAndNotTheTokenAndLogoutEndsIt()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress);
        await tab.LogInAsync(fleet.Hub.Options.AdminToken);
        Assert.Equal("/", new Uri(tab.Page.Url).AbsolutePath);

        var cookie = Assert.Single(await tab.Page.GetCookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(PuppeteerSharp.SameSite.Strict, cookie.SameSite);
        Assert.DoesNotContain(fleet.Hub.Options.AdminToken, cookie.Value);
        Assert.Equal("", await tab.Page.EvaluateExpressionAsync<string>("document.cookie"));
        // The cookie opens the pages, not the API.
        using var withCookie = fleet.Hub.CreateHttpClient(withToken: false);
        withCookie.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await withCookie.GetAsync("/api/v1/fleet")).StatusCode);

        var loggedOut = tab.Page.WaitForNavigationAsync();
        await tab.Page.ClickAsync("form.logout button");
        await loggedOut;

        Assert.Equal("/login", new Uri(tab.Page.Url).AbsolutePath);
        Assert.Empty(await tab.Page.GetCookiesAsync());
        Assert.Equal("/login", new Uri((await tab.GoToAsync("/")).Url).AbsolutePath);
    }
}
