using System.Security.Cryptography;
using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Messaging.External;

/// <summary>How the hub logs in to an external broker: <c>Hub:Mqtt:Username</c> and <c>Hub:Mqtt:Password</c>.</summary>
internal sealed class HubCredential(IOptions<MqttOptions> options)
{
    public string Username => options.Value.Username ?? "";

    public string Password => options.Value.Password ?? "";

    /// <summary>Distinct per process, so that two silos sharing a broker do not take over each other's session.</summary>
    public string ClientId { get; } = $"fleetops-hub-{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
