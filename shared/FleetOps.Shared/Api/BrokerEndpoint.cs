namespace FleetOps.Shared.Api;

/// <summary>One URL the hub's broker is served at, and who can reach it there.</summary>
/// <param name="Url"><c>mqtts://host:8883</c> or <c>mqtt://host:1883</c>.</param>
/// <param name="Reach">"agents" for the URL stores use; "this machine" for plain MQTT on the loopback; "network, unencrypted" when plain is opened wider.</param>
public sealed record BrokerEndpoint(string Url, string Reach);
