using FleetOps.Hub.Web.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Web;

/// <summary>
/// The login page, signing in with the admin token, and logging out. The forms carry no antiforgery token: the
/// session cookie is SameSite=Strict, so another site's form can neither use a session nor end one, and signing
/// in needs the token itself.
/// </summary>
internal static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string WrongToken =
        "That is not this hub's admin token. It is in the admin-token file of the hub's data dir (or Hub:AdminToken); paste it whole.";

    public static RazorComponentResult Show(string? @return) => Page(WebSession.LocalPath(@return), problem: null);

    public static async Task<IResult> LogIn(HttpContext http, WebSession session, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
            return TypedResults.BadRequest();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = WebSession.LocalPath(form["return"]);
        if (session.TryOpen(http, form["token"].ToString().Trim()))
            return TypedResults.Redirect(back);
        loggers.CreateLogger(typeof(LoginEndpoints)).LogWarning("Web login refused: wrong admin token from {Address}", http.Connection.RemoteIpAddress);
        var page = Page(back, WrongToken);
        page.StatusCode = StatusCodes.Status401Unauthorized;
        return page;
    }

    public static RedirectHttpResult LogOut(HttpContext http, WebSession session)
    {
        session.Close(http);
        return TypedResults.Redirect(LoginPath);
    }

    private static RazorComponentResult<LoginPage> Page(string back, string? problem) =>
        new(new Dictionary<string, object?> { [nameof(LoginPage.Return)] = back, [nameof(LoginPage.Problem)] = problem });
}
