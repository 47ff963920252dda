using System.Net.Http.Headers;
using System.Text;
using k8s;
using k8s.Autorest;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// The KubernetesClient pipeline (TLS, credentials, token refresh) with one small generic request of
/// ours on top. The generated client builds <c>/apis/{group}</c> paths for custom objects only, so
/// core kinds would need a method per kind; one request shape covers <c>/api/v1</c> and <c>/apis</c>.
/// </summary>
internal sealed class KubeConnection(KubernetesClientConfiguration config) : Kubernetes(config)
{
    public async Task<KubeResponse> SendAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri, pathAndQuery.TrimStart('/')));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            // No charset parameter: apply-patch+yaml is matched on the bare media type.
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await SendRequestRaw(body ?? "", request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new KubeResponse(response.StatusCode, text);
        }
        catch (HttpOperationException e)
        {
            return new KubeResponse(e.Response.StatusCode, e.Response.Content ?? "");
        }
    }

    /// <summary>Builds the client from the agent's options: in-cluster service account, a kubeconfig file, or the default kubeconfig.</summary>
    public static KubeConnection Create(Configuration.AgentOptions options)
    {
        try
        {
            var config = options.InCluster
                ? KubernetesClientConfiguration.InClusterConfig()
                : options.Kubeconfig is { } path
                    ? KubernetesClientConfiguration.BuildConfigFromConfigFile(path)
                    : KubernetesClientConfiguration.BuildDefaultConfig();
            return new KubeConnection(config);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
        {
            var where = options.InCluster ? "the in-cluster service account" : $"kubeconfig '{options.Kubeconfig ?? "(default)"}'";
            throw new Configuration.AgentOptionsException(
                [$"cannot use {where}: {e.Message}; fix FLEETOPS_KUBECONFIG / --kubeconfig, or set FLEETOPS_IN_CLUSTER=true inside a pod"]);
        }
    }
}
