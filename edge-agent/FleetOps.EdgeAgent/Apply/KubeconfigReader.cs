using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Authentication;
using YamlDotNet.RepresentationModel;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Reads the current context of a kubeconfig into KubernetesClient's configuration. KubernetesClient's
/// own loader deserializes through a YAML type map of every Kubernetes model and costs about 35 MiB
/// of resident memory on a store; this reads the handful of fields a store's kubeconfig has (k3s
/// writes a server, a CA and a client certificate) with YamlDotNet's node model.
/// </summary>
internal static class KubeconfigReader
{
    public static KubernetesClientConfiguration Read(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
            yaml.Load(reader);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException("the file is not a kubeconfig (no YAML mapping)");

        var contextName = Scalar(root, "current-context") ?? throw new InvalidDataException("it has no current-context");
        var context = Named(root, "contexts", contextName, "context") ?? throw new InvalidDataException($"context '{contextName}' is not defined");
        var clusterName = Scalar(context, "cluster") ?? throw new InvalidDataException($"context '{contextName}' names no cluster");
        var cluster = Named(root, "clusters", clusterName, "cluster") ?? throw new InvalidDataException($"cluster '{clusterName}' is not defined");
        var userName = Scalar(context, "user");
        var user = userName is null ? null : Named(root, "users", userName, "user") ?? throw new InvalidDataException($"user '{userName}' is not defined");

        var config = new KubernetesClientConfiguration
        {
            Host = Scalar(cluster, "server") ?? throw new InvalidDataException($"cluster '{clusterName}' has no server"),
            Namespace = Scalar(context, "namespace"),
            SkipTlsVerify = Scalar(cluster, "insecure-skip-tls-verify") is "true",
            TlsServerName = Scalar(cluster, "tls-server-name"),
        };
        if (Scalar(cluster, "certificate-authority-data") is { } caData)
            config.SslCaCerts = Pem(Encoding.UTF8.GetString(Convert.FromBase64String(caData)));
        else if (Scalar(cluster, "certificate-authority") is { } caFile)
            config.SslCaCerts = Pem(File.ReadAllText(Resolve(folder, caFile)));

        if (user is null)
            return config;
        if (user.Children.ContainsKey(new YamlScalarNode("exec")) || user.Children.ContainsKey(new YamlScalarNode("auth-provider")))
            throw new InvalidDataException($"user '{userName}' uses an exec or auth-provider plugin, which the agent does not run; use a token or client-certificate kubeconfig (as k3s writes), or FLEETOPS_IN_CLUSTER");
        config.AccessToken = Scalar(user, "token");
        if (Scalar(user, "tokenFile") is { } tokenFile)
            config.TokenProvider = new TokenFileAuth(Resolve(folder, tokenFile));
        config.ClientCertificateData = Scalar(user, "client-certificate-data");
        config.ClientCertificateKeyData = Scalar(user, "client-key-data");
        config.ClientCertificateFilePath = Scalar(user, "client-certificate") is { } cert ? Resolve(folder, cert) : null;
        config.ClientKeyFilePath = Scalar(user, "client-key") is { } key ? Resolve(folder, key) : null;
        config.Username = Scalar(user, "username");
        config.Password = Scalar(user, "password");
        return config;
    }

    private static X509Certificate2Collection Pem(string pem)
    {
        var certs = new X509Certificate2Collection();
        certs.ImportFromPem(pem);
        return certs;
    }

    private static string Resolve(string folder, string file) => Path.IsPathRooted(file) ? file : Path.Combine(folder, file);

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    // kubeconfig lists are [{name: x, <inner>: {...}}]; returns the inner mapping of the entry named.
    private static YamlMappingNode? Named(YamlMappingNode root, string list, string name, string inner)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(list), out var node) || node is not YamlSequenceNode items)
            return null;
        foreach (var item in items.OfType<YamlMappingNode>())
        {
            if (Scalar(item, "name") == name)
                return item.Children.TryGetValue(new YamlScalarNode(inner), out var value) && value is YamlMappingNode m ? m : new YamlMappingNode();
        }
        return null;
    }
}
