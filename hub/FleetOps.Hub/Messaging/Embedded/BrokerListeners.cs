using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Metrics;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// The embedded broker's TCP listeners, in place of MQTTnet's own: they bind exactly the configured addresses
/// (<see cref="BindAddresses"/>; MQTTnet's added [::] beside an IPv4 address), hold a new connection to the
/// connect deadline (TLS handshake and CONNECT together) and put a <see cref="PacketGuard"/> between the socket
/// and MQTTnet, so packets are judged by their fixed header before their body is read. Every refusal is
/// counted as a refused client and logged once per address and reason.
/// </summary>
internal sealed class BrokerListeners(
    MqttOptions options,
    X509Certificate2? certificate,
    HubMetrics metrics,
    LogOnce logOnce,
    ILogger logger) : IMqttServerAdapter
{
    /// <summary>Room for the topic and properties around a payload of the largest size allowed.</summary>
    public const int PacketHeadroomBytes = 16 * 1024;

    private readonly List<Socket> listening = [];
    private CancellationTokenSource? stopping;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>Each listening address and port, once started; the port is the one bound when 0 was asked for.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => [.. listening.Select(s => (IPEndPoint)s.LocalEndPoint!)];

    public Task StartAsync(MqttServerOptions serverOptions, IMqttNetLogger mqttLogger)
    {
        stopping = new CancellationTokenSource();
        var tls = certificate is not null;
        var addresses = BindAddresses.Parse(options.BindAddress);
        if (!tls)
            Listen(addresses, options.Port, null, serverOptions, mqttLogger);
        else
        {
            Listen(addresses, options.TlsPort, certificate, serverOptions, mqttLogger);
            // Agents must use TLS; the plain listener stays, on the loopbacks only, for local tools.
            if (options.PlainLoopbackWithTls)
                Listen(BindAddresses.Loopbacks, options.Port, null, serverOptions, mqttLogger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        stopping?.Cancel();
        foreach (var socket in listening)
            socket.Dispose();
        listening.Clear();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopAsync();
        stopping?.Dispose();
    }

    private void Listen(IReadOnlyList<BindAddress> addresses, int port, X509Certificate2? tls, MqttServerOptions serverOptions, IMqttNetLogger mqttLogger)
    {
        foreach (var (address, optional) in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // Exactly this address: an IPv6 socket must not take IPv4 connections as well.
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                    socket.DualMode = false;
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(address, port));
                socket.Listen(512);
            }
            catch (SocketException e) when (optional)
            {
                socket.Dispose();
                logger.LogWarning("The embedded MQTT broker does not listen on {Address}:{Port}: {Reason}", address, port, e.Message);
                continue;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            // Port 0 (tests) picks one port for the first address; the others take the same.
            port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            listening.Add(socket);
            _ = AcceptAsync(socket, tls, serverOptions, mqttLogger, stopping!.Token);
        }
    }

    private async Task AcceptAsync(Socket socket, X509Certificate2? tls, MqttServerOptions serverOptions, IMqttNetLogger mqttLogger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // A connection reset before it was accepted, or no descriptors left: the next one may do better.
                logger.LogWarning("Accepting an MQTT connection on {Endpoint} failed: {Reason}", socket.LocalEndPoint, e.Message);
                continue;
            }
            _ = Task.Run(() => ServeAsync(client, tls, serverOptions, mqttLogger), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, X509Certificate2? tls, MqttServerOptions serverOptions, IMqttNetLogger mqttLogger)
    {
        client.NoDelay = true;
        var remote = client.RemoteEndPoint;
        var local = client.LocalEndPoint;
        // Real time, not the hub's TimeProvider: a deadline on a socket is about the peer, whatever clock a test holds.
        using var deadline = new CancellationTokenSource(options.ConnectTimeout);
        Stream stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            if (tls is not null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secure;
                await secure.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = tls,
                    ClientCertificateRequired = false,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }, deadline.Token);
            }
            var guard = new PacketGuard(options.MaxConnectBytes, options.MaxPayloadBytes + PacketHeadroomBytes);
            var guarded = new PacketGuardStream(stream, guard, deadline.Token, reason => Refuse(remote, reason));
            var channel = new MqttTcpChannel(guarded, local, remote, null);
            using var adapter = new MqttChannelAdapter(channel,
                new MqttPacketFormatterAdapter(new MqttBufferWriter(serverOptions.WriterBufferSize, serverOptions.WriterBufferSizeMax)), mqttLogger);
            if (ClientHandler is { } handler)
                await handler(adapter);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Refuse(remote, PacketGuardStream.ConnectTimeout);
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            logger.LogDebug("MQTT connection from {Remote} ended: {Reason}", remote, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Serving the MQTT connection from {Remote} failed", remote);
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private void Refuse(EndPoint? remote, string reason)
    {
        metrics.RefusedClient(reason);
        var address = (remote as IPEndPoint)?.Address.ToString() ?? "?";
        if (logOnce.ShouldLog(address, reason))
            logger.LogWarning("Closed the MQTT connection from {Remote} ({Reason}); further ones like it from {Address} are only counted", remote, reason, address);
    }
}
