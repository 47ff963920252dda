using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary>RFC 9457 problem answers shared by the handlers.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string title, string detail, IReadOnlyList<string> nearest) =>
        TypedResults.Problem(
            detail: nearest.Count == 0 ? detail : $"{detail} (did you mean {string.Join(", ", nearest.Select(n => $"'{n}'"))}?)",
            statusCode: StatusCodes.Status404NotFound,
            title: title,
            extensions: new Dictionary<string, object?> { ["nearest"] = nearest });

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    /// <summary>The MQTT broker refused what the hub asked of it on the caller's behalf.</summary>
    public static ProblemHttpResult BadGateway(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status502BadGateway, title: title);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
