using FleetOps.Hub.Hosting;
using MQTTnet;

namespace FleetOps.Hub.Messaging.External;

/// <summary>How the hub's connections to an external broker are made: its URL, TLS and credential, one place for both.</summary>
internal static class ExternalBrokerOptions
{
    public static MqttClientOptions Client(MqttOptions o, HubCredential credential, string clientId)
    {
        var url = new Uri(o.BrokerUrl!);
        var tls = url.Scheme.Equals("mqtts", StringComparison.OrdinalIgnoreCase);
        var builder = new MqttClientOptionsBuilder()
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTcpServer(url.Host, url.IsDefaultPort || url.Port < 0 ? (tls ? 8883 : 1883) : url.Port);
        // A broker on a private network may let the hub in anonymously; otherwise it has credentials.
        if (!string.IsNullOrEmpty(credential.Username))
            builder = builder.WithCredentials(credential.Username, credential.Password);
        if (tls)
            builder = builder.WithTlsOptions(t => t.UseTls().WithTargetHost(url.Host).WithAllowUntrustedCertificates(o.AllowUntrustedCertificates)
                .WithIgnoreCertificateChainErrors(o.AllowUntrustedCertificates));
        return builder.Build();
    }
}
