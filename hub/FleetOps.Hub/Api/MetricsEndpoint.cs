using FleetOps.Hub.Metrics;
using FleetOps.Hub.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Hub.Api;

/// <summary>
/// GET /metrics: the OpenTelemetry Prometheus exporter's scrape, behind the admin token like the API.
/// The exporter maps a plain request delegate, which endpoint filters never run for, so its branch runs
/// the API's <see cref="BearerTokenFilter"/> itself, then counts clusters, and only then lets the exporter collect.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder MapHubMetrics(this IEndpointRouteBuilder app)
    {
        var filter = ActivatorUtilities.CreateInstance<BearerTokenFilter>(app.ServiceProvider);
        var clusters = app.ServiceProvider.GetRequiredService<ClusterGauge>();
        return app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, optionsName: null, configureBranchedPipeline: branch => branch
                .Use((context, next) => RequireAdminTokenAsync(filter, context, next))
                .Use(async (context, next) =>
                {
                    await clusters.RefreshAsync();
                    await next(context);
                }))
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
    }

    /// <summary>Runs the filter as the API's routes do; its refusal (401 with a problem body) is written as it is there.</summary>
    private static async Task RequireAdminTokenAsync(BearerTokenFilter filter, HttpContext context, RequestDelegate next)
    {
        var refusal = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ => ValueTask.FromResult<object?>(null));
        if (refusal is IResult result)
            await result.ExecuteAsync(context);
        else
            await next(context);
    }
}
