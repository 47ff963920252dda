using FleetOps.Hub.Security;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Hub.Web;

/// <summary>
/// The web view's sign-in: the admin token is entered once and the browser keeps a cookie the hub derives from it
/// (<see cref="AdminToken.SessionValue"/>), HttpOnly (no script reads it), Secure when served over TLS, SameSite=Strict
/// (no other site's page can send it). Both checks compare hashes in constant time.
/// </summary>
internal sealed class WebSession(AdminToken adminToken)
{
    public const string CookieName = "fleetops_session";

    public bool IsOpen(HttpContext http) => adminToken.AcceptsSession(http.Request.Cookies[CookieName]);

    /// <summary>Opens a session when <paramref name="token"/> is the admin token; false (and no cookie) otherwise.</summary>
    public bool TryOpen(HttpContext http, string? token)
    {
        if (!adminToken.Accepts(token))
            return false;
        http.Response.Cookies.Append(CookieName, adminToken.SessionValue, Options(http));
        return true;
    }

    public void Close(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    /// <summary>Where to go after signing in: a path on this hub only, so a crafted link cannot send the user elsewhere.</summary>
    public static string LocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            ? path
            : "/";

    // A session cookie (no expiry): closing the browser ends it, and a changed admin token ends it at the next request.
    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
