using FleetOps.EdgeAgent.Configuration;
using FleetOps.Shared.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetOps.Simulator.Stores;

/// <summary>How a <see cref="SimulatedFleet"/> builds its stores.</summary>
public sealed record SimulatedFleetOptions
{
    /// <summary>Each store gets <c>{Root}/{id}/</c> for its agent's data dir and kubeconfig.</summary>
    public required string Root { get; init; }

    public required IReadOnlyList<StoreSpec> Stores { get; init; }

    /// <summary>The fleet-config repository every store fetches from (its own setting: the hub's desired messages name one too, but agents never use it).</summary>
    public required string RepositoryUrl { get; init; }

    public string Branch { get; init; } = "main";

    /// <summary>
    /// The hub's broker CA (its <c>tls/ca.crt</c>): stores connect over mqtts and verify the hub with it, as real ones do.
    /// Null: plain MQTT on the loopback, for tests about something else.
    /// </summary>
    public string? BrokerCa { get; init; }

    /// <summary>The keys every store's agent trusts; none by default, so revisions are not verified.</summary>
    public TrustedKeys TrustedKeys { get; init; } = TrustedKeys.None;

    /// <summary>How long emulated workloads take to become ready after a change.</summary>
    public TimeSpan RolloutDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests each emulated cluster keeps in its log (see <see cref="KubeEmulator.KubeEmulatorOptions.RequestLogCapacity"/>).</summary>
    public int RequestLogCapacity { get; init; } = KubeEmulator.KubeEmulatorOptions.Default.RequestLogCapacity;

    /// <summary>Whether the request logs keep what each write sent, for scenarios that check which content reached a store.</summary>
    public bool RecordRequestBodies { get; init; }

    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a Kubernetes request may go unanswered before the run fails (the agent's default is 100 s).</summary>
    public TimeSpan KubeRequestTimeout { get; init; } = AgentOptions.Default.KubeRequestTimeout;

    /// <summary>Simulated stores reconnect quickly so demos and scenarios do not wait on a WAN-sized backoff.</summary>
    public LinkOptions Link { get; init; } = LinkOptions.Default with
    {
        MinReconnectDelay = TimeSpan.FromMilliseconds(200),
        MaxReconnectDelay = TimeSpan.FromSeconds(3),
    };

    public RetryOptions Retry { get; init; } = RetryOptions.Default with { MinRetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromSeconds(20) };

    /// <summary>Stores started at once; registration and first fetches are what this bounds.</summary>
    public int StartParallelism { get; init; } = 8;

    /// <summary>
    /// One render per distinct checked-out input across the fleet (see <see cref="SharedRenderer"/>): how hundreds of
    /// agents fit one machine. Off by default, so scenarios and the demo run every store's kustomize as real stores do.
    /// </summary>
    public bool ShareRenders { get; init; }

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;
}
