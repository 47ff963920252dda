namespace FleetOps.Shared.Api;

/// <summary>
/// The broker as the hub really serves it (<c>GET /api/v1/broker</c>, and in every registration): the URL an agent
/// gives as <c>FLEETOPS_BROKER</c>, every listener, and the CA an agent verifies the hub with
/// (<c>FLEETOPS_BROKER_CA</c>), when the hub is its own CA.
/// </summary>
/// <param name="AgentUrl">What a store's agent connects to.</param>
/// <param name="Endpoints">Every URL served, the agents' first.</param>
/// <param name="CaSha256">SHA-256 fingerprint of the CA's certificate, as <c>openssl x509 -noout -fingerprint -sha256</c> prints it; null when the certificate is the operator's own (or the broker external).</param>
/// <param name="CaPath">Where the hub keeps the CA's certificate, on the hub's machine.</param>
/// <param name="CaRoute">The API path that returns the CA's certificate as PEM (<c>fleetops broker-ca</c>).</param>
public sealed record BrokerInfo(
    string AgentUrl,
    IReadOnlyList<BrokerEndpoint> Endpoints,
    string? CaSha256,
    string? CaPath,
    string? CaRoute);
