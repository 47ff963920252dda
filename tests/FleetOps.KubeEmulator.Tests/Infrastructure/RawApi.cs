using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace FleetOps.KubeEmulator.Tests.Infrastructure;

/// <summary>
/// Requests over a KubernetesClient's own HTTP pipeline for paths its typed API does not cover, e.g.
/// server-side apply of core kinds under /api/v1 (as the agent does).
/// </summary>
public static class RawApi
{
    public static async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(Kubernetes client, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var uri = new Uri(client.BaseUri.ToString().TrimEnd('/') + path);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    /// <summary>Like <see cref="SendAsync"/>, with the response's <c>Warning</c> headers as sent (<c>299 - "..."</c>).</summary>
    public static async Task<(HttpStatusCode Code, JsonObject Body, IReadOnlyList<string> Warnings)> ExchangeAsync(
        Kubernetes client, HttpMethod method, string path, string body, string contentType = "application/json")
    {
        var uri = new Uri(client.BaseUri.ToString().TrimEnd('/') + path);
        using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? [], warnings);
    }

    public static Task<(HttpStatusCode Code, JsonObject Body)> ApplyAsync(Kubernetes client, string path, string yaml, string fieldManager, bool force = false, bool dryRun = false)
    {
        var query = $"?fieldManager={fieldManager}" + (force ? "&force=true" : "") + (dryRun ? "&dryRun=All" : "");
        return SendAsync(client, HttpMethod.Patch, path + query, yaml, "application/apply-patch+yaml");
    }
}
