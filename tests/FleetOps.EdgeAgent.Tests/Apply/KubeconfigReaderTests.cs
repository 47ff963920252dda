using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Apply;

public sealed class KubeconfigReaderTests : IDisposable
{
    private readonly TempDir dir = new();

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void AK3sStyleKubeconfigGivesServerCaAndClientCertificate()
    {
        using var key = ECDsa.Create();
        var cert = new CertificateRequest("CN=k3s", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPem = cert.ExportCertificatePem();
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        var path = dir.Sub("k3s.yaml");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {B64(certPem)}
                server: https://127.0.0.1:6443
              name: default
            contexts:
            - context:
                cluster: default
                user: default
              name: default
            current-context: default
            users:
            - name: default
              user:
                client-certificate-data: {B64(certPem)}
                client-key-data: {B64(keyPem)}
            """);

        var config = KubeconfigReader.Read(path);

        Assert.Equal("https://127.0.0.1:6443", config.Host);
        Assert.Equal(cert.Thumbprint, Assert.Single(config.SslCaCerts).Thumbprint);
        Assert.NotNull(config.ClientCertificateData);
        using var connection = new KubeConnection(config);
    }

    [Fact]
    public void ExecPluginsAreRefusedWithWhatToUseInstead()
    {
        var path = dir.Sub("exec.yaml");
        File.WriteAllText(path, """
            current-context: c
            contexts: [{name: c, context: {cluster: k, user: u}}]
            clusters: [{name: k, cluster: {server: "https://x"}}]
            users: [{name: u, user: {exec: {command: aws}}}]
            """);

        var e = Assert.Throws<AgentOptionsException>(() => KubeConnection.Create(AgentOptions.Default with { Kubeconfig = path }));
        Assert.Contains("exec or auth-provider plugin", e.Message);
        Assert.Contains("FLEETOPS_KUBECONFIG", e.Message);
    }

    [Fact]
    public void AMissingContextIsNamed()
    {
        var path = dir.Sub("bad.yaml");
        File.WriteAllText(path, "current-context: nowhere\ncontexts: []\n");
        var e = Assert.Throws<InvalidDataException>(() => KubeconfigReader.Read(path));
        Assert.Contains("context 'nowhere' is not defined", e.Message);
    }

    public void Dispose() => dir.Dispose();
}
