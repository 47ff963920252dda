using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using Microsoft.AspNetCore.Http;

namespace FleetOps.KubeEmulator.Http;

/// <summary>Writes responses: results and Status errors as JSON, health checks and unknown paths as text.</summary>
internal static class Responses
{
    public static async Task Write(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.StatusCode;
        foreach (var warning in result.Warnings ?? [])
            context.Response.Headers.Append("Warning", Warning(warning));

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(result.Body);
    }

    /// <summary>As kube-apiserver writes a warning: code 299, agent "-", the text quoted as Go's strconv.Quote does.</summary>
    public static string Warning(string text) =>
        "299 - \"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static Task WriteJson(HttpContext context, int code, JsonObject body) =>
        Write(context, new ApiResult(code, Wire.Object(body)));

    public static Task WriteError(HttpContext context, KubeApiException error)
    {
        if (context.Response.HasStarted)
            return Task.CompletedTask;

        return WriteJson(context, error.Code, error.ToStatus());
    }

    public static async Task WriteText(HttpContext context, int code, string text)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text);
    }
}
