using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Api;

/// <summary>
/// Every error answer is a problem-details body, including those no handler writes: a request the minimal API
/// cannot bind (a body that is not the record, JSON nested past its depth, a query value that does not parse)
/// used to be an empty 400. Binding failures are thrown (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>) and
/// answered here with what failed, as is an unexpected failure (500); any other empty 400 gets a body from the
/// status code pages.
/// </summary>
internal static class RequestProblems
{
    /// <summary>Enough of a parser's message to find the fault, never a whole body echoed back.</summary>
    private const int MaxDetail = 500;

    public static IServiceCollection AddRequestProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseRequestProblems(this IApplicationBuilder app)
    {
        // Only a 400: a path with no route stays an empty 404, which is how the CLI tells a URL that points
        // at the wrong server or prefix from the hub's own "no such cluster" problem.
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest
            ? WriteAsync(context.HttpContext, StatusCodes.Status400BadRequest, "Invalid request", "the request could not be read")
            : Task.CompletedTask);
        app.Use(AnswerBadRequestsAsync);
        return app;
    }

    private static async Task AnswerBadRequestsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            Logger(context).LogDebug(e, "Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, e.Message);
            await WriteAsync(context, e.StatusCode, "Invalid request", Describe(e));
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // The operator reading this holds the admin token; the message helps more than an empty 500.
            Logger(context).LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "The hub could not answer", $"{Truncate(e.Message)} (the hub's log has the details)");
        }
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestProblems));

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException e) =>
        Truncate(e.InnerException is JsonException json ? $"{e.Message} {json.Message}" : e.Message);

    private static string Truncate(string detail) => detail.Length <= MaxDetail ? detail : detail[..MaxDetail] + "...";
}
