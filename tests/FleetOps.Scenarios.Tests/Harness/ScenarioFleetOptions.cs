using FleetOps.Shared.Signing;
using FleetOps.Simulator.Stores;
using FleetOps.Testing.Signing;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>How a <see cref="ScenarioFleet"/> is built; the defaults are what the first scenarios ran with.</summary>
public sealed record ScenarioFleetOptions
{
    public required IReadOnlyList<StoreSpec> Stores { get; init; }

    /// <summary>How long emulated workloads take to become ready after a change.</summary>
    public TimeSpan RolloutDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long an agent waits for health before it reports Degraded; short where a failure must show.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often agents reconcile from their cache: short enough for drift to be corrected within a test, long enough not to busy the machine.</summary>
    public int ReconcileIntervalSeconds { get; init; } = 3;

    /// <summary>The fleet.yaml of the first commit; null keeps the bundled one.</summary>
    public string? FleetYaml { get; init; }

    /// <summary>
    /// Every emulated cluster keeps every request it serves, with what writes sent, for the whole scenario, so a
    /// test can say which content ever reached which store (see <see cref="RequestTrail"/>).
    /// </summary>
    public bool RecordRequests { get; init; }

    /// <summary>How long the agents wait for a Kubernetes request before the run fails; short where a hung API must show.</summary>
    public TimeSpan KubeRequestTimeout { get; init; } = EdgeAgent.Configuration.AgentOptions.Default.KubeRequestTimeout;

    /// <summary>Further hub settings (<c>Hub:StaleAfter</c>, say).</summary>
    public IReadOnlyDictionary<string, string?> HubSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The agents' link tuning; null keeps the simulator's (quick reconnects, the default heartbeat).</summary>
    public EdgeAgent.Configuration.LinkOptions? Link { get; init; }
    /// <summary>Signs the first commit and every later one (<c>git commit -S</c>); null commits unsigned.</summary>
    public ICommitSigner? Signer { get; init; }

    /// <summary>The keys the hub takes a head from (<c>Hub:Source:AllowedSignersFile</c>, <c>OpenPgpKeysFile</c>); none: not verified.</summary>
    public TrustedKeys HubTrustedKeys { get; init; } = TrustedKeys.None;

    /// <summary>The keys every store's agent applies a revision from; none: not verified.</summary>
    public TrustedKeys AgentTrustedKeys { get; init; } = TrustedKeys.None;
}
