namespace FleetOps.Shared.Api;

/// <summary>
/// The cluster's MQTT credential: username and client id are <see cref="Id"/>, the password is
/// <see cref="Token"/>. The hub keeps only a hash, so this is the only time the token is shown. <see cref="Broker"/> says
/// where the agent connects and which CA it verifies the hub with.
/// </summary>
public sealed record RegisterClusterResponse(string Id, string Token, IReadOnlyDictionary<string, string> Labels, BrokerInfo? Broker = null);
