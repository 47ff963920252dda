using Microsoft.AspNetCore.Http;

namespace FleetOps.Hub.Security;

/// <summary>Requires <c>Authorization: Bearer {admin token}</c> on every API endpoint it guards.</summary>
internal sealed class BearerTokenFilter(AdminToken adminToken) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (!adminToken.Accepts(token))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "send the hub's admin token as 'Authorization: Bearer <token>' (generated into the data dir at first start)");
        }
        return await next(context);
    }
}
