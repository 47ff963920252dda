using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Configuration;

/// <summary>Checks options at start; every message names the setting and says what to do.</summary>
public static class AgentOptionsValidator
{
    public static IReadOnlyList<string> Validate(AgentOptions o)
    {
        var errors = new List<string>();
        if (!ClusterIds.IsValid(o.ClusterId))
            errors.Add($"{ClusterIds.Explain(o.ClusterId)}; set FLEETOPS_CLUSTER_ID, --cluster-id or FleetOps:ClusterId");
        if (o.Broker is { } broker)
        {
            if (broker.Scheme is not ("mqtt" or "mqtts"))
                errors.Add($"broker '{broker}' must start with mqtt:// or mqtts:// (FLEETOPS_BROKER, --broker)");
            else if (string.IsNullOrEmpty(broker.Host))
                errors.Add($"broker '{broker}' names no host; use for example mqtt://hub.example:1883");
            if (o.BrokerCa is not null && broker.Scheme == "mqtt")
                errors.Add($"FLEETOPS_BROKER_CA is set but broker '{broker}' is plain MQTT, which no certificate protects: use mqtts://{broker.Host}:8883 (FLEETOPS_BROKER, --broker)");
            if (string.IsNullOrEmpty(o.Token))
                errors.Add("a broker is set but no token: set FLEETOPS_TOKEN (the token the hub returned when the cluster was registered)");
            if (o.Source is null)
                errors.Add("a broker is set but no source: set FLEETOPS_SOURCE_URL (and FLEETOPS_SOURCE_BRANCH unless it is main) to the fleet-config repository; the agent fetches only from it, never from a URL the hub sends");
        }
        if (o.BrokerCa is { } ca && Link.BrokerTrust.Check(ca) is { } caProblem)
            errors.Add(caProblem);
        if (o.Source is { } source && (string.IsNullOrWhiteSpace(source.Url) || string.IsNullOrWhiteSpace(source.Branch)))
            errors.Add("source URL and branch must not be empty (FLEETOPS_SOURCE_URL, FLEETOPS_SOURCE_BRANCH)");
        foreach (var problem in o.TrustedKeys.Check())
            errors.Add($"{problem} (FLEETOPS_ALLOWED_SIGNERS, FLEETOPS_OPENPGP_KEYS)");
        if (string.IsNullOrWhiteSpace(o.DataDir))
            errors.Add("data dir is empty: set FLEETOPS_DATA_DIR or --data-dir to a writable folder that survives restarts");
        if (o.Kubeconfig is { } kc && !o.InCluster && !File.Exists(kc))
            errors.Add($"kubeconfig '{kc}' does not exist: fix FLEETOPS_KUBECONFIG / --kubeconfig, or set FLEETOPS_IN_CLUSTER=true inside a pod");
        if (o.Git.SshKeyPath is { } key && !File.Exists(key))
            errors.Add($"git ssh key '{key}' does not exist: fix FLEETOPS_GIT_SSH_KEY / --git-ssh-key");
        if (o.ReconcileInterval < TimeSpan.FromSeconds(1))
            errors.Add($"reconcile interval {o.ReconcileInterval} is too short: use at least 1 second (FLEETOPS_RECONCILE_INTERVAL, seconds or hh:mm:ss)");
        if (o.HealthTimeout <= TimeSpan.Zero)
            errors.Add($"health timeout {o.HealthTimeout} must be positive (FLEETOPS_HEALTH_TIMEOUT, seconds or hh:mm:ss)");
        if (o.KubeRequestTimeout <= TimeSpan.Zero)
            errors.Add($"Kubernetes request timeout {o.KubeRequestTimeout} must be positive (FLEETOPS_KUBE_TIMEOUT, seconds or hh:mm:ss)");
        if (o.Link.Heartbeat < TimeSpan.FromSeconds(1))
            errors.Add($"heartbeat interval {o.Link.Heartbeat} is too short: use at least 1 second, and well under the hub's stale limit (FLEETOPS_HEARTBEAT_INTERVAL, seconds or hh:mm:ss)");
        if (o.JournalLimit < 10)
            errors.Add($"journal limit {o.JournalLimit} is too small: keep at least 10 events (FLEETOPS_JOURNAL_LIMIT)");
        if (o.MetricsPort is { } port && port is < 1 or > 65535)
            errors.Add($"metrics port {port} is not a TCP port: use 1-65535, or leave FLEETOPS_METRICS_PORT unset to serve no metrics");
        foreach (var (labelKey, _) in o.Labels)
        {
            if (string.IsNullOrWhiteSpace(labelKey) || labelKey.Contains('='))
                errors.Add($"label key '{labelKey}' is not valid: use FLEETOPS_LABELS=region=east,ring=canary");
        }
        return errors;
    }

    /// <summary>Throws with every problem listed, so one start shows all of them.</summary>
    public static void ThrowIfInvalid(AgentOptions o)
    {
        var errors = Validate(o);
        if (errors.Count > 0)
            throw new AgentOptionsException(errors);
    }
}
