using FleetOps.Hub.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FleetOps.Hub.Web;

/// <summary>
/// The web view's routes: the login page and its stylesheet are open; every page and the page script need the
/// session cookie the login sets. Pages are Razor components rendered on the server (<see cref="PageEndpoints"/>).
/// </summary>
internal static class WebEndpoints
{
    public static IEndpointRouteBuilder MapHubWeb(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("").AddEndpointFilter<WebHeadersFilter>();
        web.MapGet(LoginEndpoints.LoginPath, LoginEndpoints.Show);
        web.MapPost(LoginEndpoints.LoginPath, LoginEndpoints.LogIn);
        web.MapPost(LoginEndpoints.LogoutPath, LoginEndpoints.LogOut);
        web.MapGet(WebAssets.StylePath, WebAssets.Style);

        var pages = web.MapGroup("").AddEndpointFilter<WebSessionFilter>();
        pages.MapGet(WebAssets.ScriptPath, WebAssets.Script);
        pages.MapGet("/", PageEndpoints.Overview);
        pages.MapGet("/groups/{name}", PageEndpoints.Group);
        pages.MapGet("/clusters/{id}", PageEndpoints.Cluster);
        return app;
    }
}
