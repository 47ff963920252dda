namespace FleetOps.EdgeAgent.Configuration;

/// <summary>Every setting of the agent, in the order the help lists them.</summary>
public static class AgentSettings
{
    public static readonly IReadOnlyList<AgentSetting> All =
    [
        new("ClusterId", "FLEETOPS_CLUSTER_ID", "--cluster-id", "required", "this store cluster's id (a DNS label); the MQTT client id and username"),
        new("Labels", "FLEETOPS_LABELS", "--labels", "none", "labels the hub may select on, region=east,ring=canary; also ${cluster.labels.KEY}"),
        new("Broker", "FLEETOPS_BROKER", "--broker", "none: no hub, local cache only", "the hub's MQTT broker, mqtt://host:1883 or mqtts://host:8883"),
        new("BrokerCa", "FLEETOPS_BROKER_CA", "--broker-ca", "none: this machine's trust store", "PEM file of the CA the hub's certificate must chain to, from 'fleetops broker-ca'; with mqtts://"),
        new("Token", "FLEETOPS_TOKEN", "--token", "required with a broker", "the cluster's token from 'fleetops register' (the MQTT password)"),
        new("TokenFile", "FLEETOPS_TOKEN_FILE", "--token-file", "none", "a file holding the token, read instead of FLEETOPS_TOKEN"),
        new("SourceUrl", "FLEETOPS_SOURCE_URL", "--source-url", "required with a broker", "the fleet-config repository: the only place the agent fetches from"),
        new("SourceBranch", "FLEETOPS_SOURCE_BRANCH", "--source-branch", "main", "the fleet-config branch"),
        new("AllowedSignersFile", "FLEETOPS_ALLOWED_SIGNERS", "--allowed-signers", "none", "SSH keys a revision must be signed with (git's allowed-signers format)"),
        new("OpenPgpKeysFile", "FLEETOPS_OPENPGP_KEYS", "--openpgp-keys", "none: with neither, revisions are not verified", "OpenPGP public keys a revision must be signed with (armored or binary)"),
        new("Kubeconfig", "FLEETOPS_KUBECONFIG", "--kubeconfig", "$KUBECONFIG, else ~/.kube/config", "the kubeconfig of the cluster to reconcile"),
        new("InCluster", "FLEETOPS_IN_CLUSTER", "--in-cluster", "false", "use the pod's service account instead of a kubeconfig", IsFlag: true),
        new("DataDir", "FLEETOPS_DATA_DIR", "--data-dir", AgentOptions.Default.DataDir, "state (LiteDB), git cache and scratch files; must survive restarts"),
        new("GitToken", "FLEETOPS_GIT_TOKEN", "--git-token", "none", "https token for the fleet-config repository"),
        new("GitUsername", "FLEETOPS_GIT_USERNAME", "--git-username", "x-access-token", "user name sent with the https token"),
        new("GitSshKey", "FLEETOPS_GIT_SSH_KEY", "--git-ssh-key", "none", "private key file for an ssh source URL"),
        new("ReconcileInterval", "FLEETOPS_RECONCILE_INTERVAL", "--reconcile-interval", "300 s", "how often to reconcile from the local cache (seconds or hh:mm:ss); the hub's desired state may override it"),
        new("HealthTimeout", "FLEETOPS_HEALTH_TIMEOUT", "--health-timeout", "300 s", "how long objects may take to become healthy before the group is Degraded"),
        new("KubeRequestTimeout", "FLEETOPS_KUBE_TIMEOUT", "--kube-timeout", "100 s", "how long a Kubernetes API request may go unanswered before the run fails"),
        new("JournalLimit", "FLEETOPS_JOURNAL_LIMIT", "--journal-limit", "10000", "unacknowledged journal events kept before the oldest are compacted"),
        new("HeartbeatInterval", "FLEETOPS_HEARTBEAT_INTERVAL", "--heartbeat-interval", "300 s", "with nothing else sent this long, the status goes out again (keep it well under the hub's Hub:StaleAfter)"),
        new("MetricsPort", "FLEETOPS_METRICS_PORT", "--metrics-port", "off", "serve Prometheus metrics on this local port (GET /metrics)"),
        new("MetricsHost", "FLEETOPS_METRICS_HOST", "--metrics-host", "127.0.0.1", "the address the metrics port listens on; * for every interface (in a pod)"),
    ];
}
