using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// An HTTP pipeline to the API server built from KubernetesClient's configuration (kubeconfig or
/// in-cluster service account: server, CA, client certificate, token or refreshing token file), with
/// one small generic request on top that covers <c>/api/v1</c> and <c>/apis/...</c> paths alike.
/// </summary>
/// <remarks>
/// Why not the <c>k8s.Kubernetes</c> class itself: constructing it initializes KubernetesClient's JSON
/// options for every Kubernetes model, about 16 MiB of resident memory that a store agent, which
/// needs only raw requests, cannot afford against its 48 MiB budget. TLS and credentials follow what
/// that class does with the same configuration.
/// </remarks>
internal sealed class KubeConnection : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly KubernetesClientConfiguration config;

    public KubeConnection(KubernetesClientConfiguration config, HttpMessageHandler? sharedHandler = null, TimeSpan? timeout = null)
    {
        this.config = config;
        var host = config.Host ?? throw new InvalidDataException("the configuration names no API server");
        baseUri = new Uri(host.EndsWith('/') ? host : host + "/");
        http = sharedHandler is null ? new HttpClient(OwnHandler(config, baseUri)) : new HttpClient(sharedHandler, disposeHandler: false);
        http.Timeout = timeout ?? Configuration.AgentOptions.Default.KubeRequestTimeout;
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("fleetops-agent", typeof(KubeConnection).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    private static SocketsHttpHandler OwnHandler(KubernetesClientConfiguration config, Uri baseUri)
    {
        var handler = new SocketsHttpHandler
        {
            // One agent talks to one API server; a couple of pooled connections are enough, and idle ones go.
            MaxConnectionsPerServer = 8,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            EnableMultipleHttp2Connections = false,
        };
        if (baseUri.Scheme == Uri.UriSchemeHttps)
            handler.SslOptions = Tls(config);
        return handler;
    }

    public async Task<KubeResponse> SendAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUri, pathAndQuery.TrimStart('/')));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            // No charset parameter: apply-patch+yaml is matched on the bare media type.
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = await AuthorizationAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new KubeResponse(response.StatusCode, text);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The caller did not cancel, so HttpClient's timeout did: a hung API server. Made an API error here,
            // every step handles it as one; as a bare cancellation it passed for one the run had asked for.
            throw KubeApiException.Timeout($"{method} /{pathAndQuery.TrimStart('/').Split('?')[0]}", http.Timeout, e);
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>Builds the connection from the agent's options: in-cluster service account, a kubeconfig file, or the default kubeconfig.</summary>
    public static KubeConnection Create(Configuration.AgentOptions options, HttpMessageHandler? sharedHandler = null) =>
        new(Load(options), sharedHandler, options.KubeRequestTimeout);

    /// <summary>Why the options' Kubernetes configuration cannot be used, or null: checked before the agent starts.</summary>
    public static string? Problem(Configuration.AgentOptions options)
    {
        try
        {
            _ = Load(options);
            return null;
        }
        catch (Configuration.AgentOptionsException e)
        {
            return string.Join("; ", e.Errors);
        }
    }

    private static KubernetesClientConfiguration Load(Configuration.AgentOptions options)
    {
        try
        {
            return options.InCluster
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubeconfigReader.Read(options.Kubeconfig ?? DefaultKubeconfig());
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException
            or InvalidDataException or FormatException or YamlDotNet.Core.YamlException or System.Security.Cryptography.CryptographicException)
        {
            var where = options.InCluster ? "the in-cluster service account" : $"kubeconfig '{options.Kubeconfig ?? DefaultKubeconfig()}'";
            var fix = options.InCluster
                ? "run inside a pod with a service account, or unset FLEETOPS_IN_CLUSTER and set FLEETOPS_KUBECONFIG"
                : "set FLEETOPS_KUBECONFIG / --kubeconfig to the cluster's kubeconfig (k3s: /etc/rancher/k3s/k3s.yaml), or FLEETOPS_IN_CLUSTER=true inside a pod";
            // Exception messages end in a full stop; the sentence goes on after it.
            throw new Configuration.AgentOptionsException([$"cannot use {where}: {e.Message.Trim().TrimEnd('.')}; {fix}"]);
        }
    }

    private async Task<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken cancellationToken)
    {
        // A token file (the in-cluster service account) is re-read as it rotates; KubernetesClient handles that.
        if (config.TokenProvider is { } provider)
            return await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(config.AccessToken))
            return new AuthenticationHeaderValue("Bearer", config.AccessToken);
        if (!string.IsNullOrEmpty(config.Username))
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.Username}:{config.Password}")));
        return null;
    }

    private static SslClientAuthenticationOptions Tls(KubernetesClientConfiguration config)
    {
        var tls = new SslClientAuthenticationOptions();
        if (!string.IsNullOrEmpty(config.TlsServerName))
            tls.TargetHost = config.TlsServerName;
        if (config.SkipTlsVerify)
        {
            tls.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (config.SslCaCerts is { Count: > 0 } ca)
        {
            // The cluster's own CA is the only root trusted for it (k3s signs its serving certificate itself).
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(ca);
            tls.CertificateChainPolicy = policy;
        }
        if (ClientCertificate(config) is { } cert)
            tls.ClientCertificates = [cert];
        return tls;
    }

    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration config)
    {
        if (config.ClientCertificateData is { } certData && config.ClientCertificateKeyData is { } keyData)
            return X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(certData)), Encoding.UTF8.GetString(Convert.FromBase64String(keyData)));
        if (config.ClientCertificateFilePath is { } certFile && config.ClientKeyFilePath is { } keyFile)
            return X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return null;
    }

    // As kubectl: $KUBECONFIG (first entry), else ~/.kube/config.
    private static string DefaultKubeconfig() =>
        Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
}
