using Microsoft.AspNetCore.Http;

namespace FleetOps.Hub.Web;

/// <summary>Sends a browser without a session to the login page, remembering where it was going.</summary>
internal sealed class WebSessionFilter(WebSession session) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (session.IsOpen(http))
            return await next(context);
        var wanted = http.Request.Path + http.Request.QueryString;
        return TypedResults.Redirect(wanted == "/" ? LoginEndpoints.LoginPath : $"{LoginEndpoints.LoginPath}?return={Uri.EscapeDataString(wanted)}");
    }
}
