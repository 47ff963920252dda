using Microsoft.AspNetCore.Http;

namespace FleetOps.Hub.Web;

/// <summary>
/// Headers on every web answer: only the hub's own script and stylesheet may run or apply (so even a string that
/// slipped past escaping could not execute), no framing, no referrer leaving the hub, and pages are not cached,
/// since they show the fleet to whoever holds the session.
/// </summary>
internal sealed class WebHeadersFilter : IEndpointFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(context);
    }
}
