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
/// counted as a refused client and logged once per address and reason. TLS listens on <c>BindAddress</c>; plain MQTT
/// on its loopback part only (<see cref="PlainAddresses"/>), unless the operator opens it wider.
/// </summary>
internal sealed class BrokerListeners(
    MqttOptions options,
    Func<X509Certificate2> certificate,
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
        var addresses = BindAddresses.Parse(options.BindAddress);
        Listen(addresses, options.TlsPort, certificate, serverOptions, mqttLogger);
        var plain = PlainAddresses(options, addresses);
        if (plain.Count > 0)
            Listen(plain, options.Port, null, serverOptions, mqttLogger);
        if (plain.Any(a => !IPAddress.IsLoopback(a.Address)))
            logger.LogWarning("Plain MQTT (no TLS) listens on {Addresses}:{Port} (Hub:Mqtt:PlainOnAllInterfaces): tokens and fleet data cross the network unencrypted",
                string.Join(", ", plain.Select(a => a.Address)), options.Port);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Where plain MQTT listens: nowhere without <see cref="MqttOptions.PlainLoopbackWithTls"/>; all of
    /// <paramref name="addresses"/> with <see cref="MqttOptions.PlainOnAllInterfaces"/>; else their loopback part, a
    /// wildcard standing for its family's loopback, so plain never reaches past the machine nor binds a family the
    /// operator left out.
    /// </summary>
    public static IReadOnlyList<BindAddress> PlainAddresses(MqttOptions options, IReadOnlyList<BindAddress> addresses)
    {
        if (!options.PlainLoopbackWithTls)
            return [];
        if (options.PlainOnAllInterfaces)
            return addresses;
        var plain = new List<BindAddress>();
        foreach (var (address, optional) in addresses)
        {
            var loopback = address.Equals(IPAddress.Any) ? IPAddress.Loopback
                : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
                : IPAddress.IsLoopback(address) ? address
                : null;
            if (loopback is not null && !plain.Any(p => p.Address.Equals(loopback)))
                plain.Add(new BindAddress(loopback, optional));
        }
        return plain;
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

    private void Listen(IReadOnlyList<BindAddress> addresses, int port, Func<X509Certificate2>? tls, MqttServerOptions serverOptions, IMqttNetLogger mqttLogger)
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

    private async Task AcceptAsync(Socket socket, Func<X509Certificate2>? tls, MqttServerOptions serverOptions, IMqttNetLogger mqttLogger, CancellationToken cancellationToken)
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

    private async Task ServeAsync(Socket client, Func<X509Certificate2>? tls, MqttServerOptions serverOptions, IMqttNetLogger mqttLogger)
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
                    ServerCertificate = tls(),
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
