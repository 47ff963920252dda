using System.Security.Cryptography;
using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// How the hub's own bridge logs in. Embedded broker: the user <see cref="EmbeddedUser"/> (never a valid
/// cluster id) with a secret made fresh at each start, so it never needs to be stored. External
/// broker: <c>Hub:Mqtt:Username</c> and <c>Hub:Mqtt:Password</c>.
/// </summary>
public sealed class HubCredential(IOptions<MqttOptions> options)
{
    public const string EmbeddedUser = "$hub";

    private readonly string embeddedSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string Username => options.Value.IsEmbedded ? EmbeddedUser : options.Value.Username ?? "";

    public string Password => options.Value.IsEmbedded ? embeddedSecret : options.Value.Password ?? "";

    /// <summary>Distinct per process, so that two silos sharing an external broker do not take over each other's session.</summary>
    public string ClientId { get; } = $"fleetops-hub-{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public bool Matches(string? username, string? password) =>
        username == EmbeddedUser && password is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(embeddedSecret), System.Text.Encoding.UTF8.GetBytes(password));
}
