namespace FleetOps.EdgeAgent.Hosting;

/// <summary>
/// For a simulator running many agents in one process against one API server (the emulator): register
/// one of these (<c>EdgeAgentHost.Create(..., configure: s => s.AddSingleton(shared))</c>) and every agent
/// sends its Kubernetes requests through the same handler and connection pool instead of one pool each.
/// The handler is used as given (its TLS settings win over the kubeconfig's) and never disposed by an agent.
/// </summary>
public sealed record SharedHttpHandler(HttpMessageHandler Handler);
