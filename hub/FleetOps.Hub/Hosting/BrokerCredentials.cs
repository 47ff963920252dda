namespace FleetOps.Hub.Hosting;

/// <summary>Who keeps agents' credentials on an external broker (<c>Hub:Mqtt:Credentials</c>).</summary>
public enum BrokerCredentials
{
    /// <summary>The hub, through Mosquitto's dynamic-security plugin: a client and a role per cluster.</summary>
    DynamicSecurity,

    /// <summary>The broker's operators, by their own means (EMQX, a password file): the hub only warns when a token changes.</summary>
    None,
}
