namespace FleetOps.EdgeAgent.Configuration;

/// <summary>
/// One setting, named once for every source: its key in the <c>FleetOps</c> configuration section, its
/// environment variable, its command-line switch, its default as a person reads it, and what it does.
/// <c>fleetops-agent --help</c> and the README's settings table are made from these, so they cannot drift.
/// </summary>
/// <param name="IsFlag">A switch that may stand alone (<c>--in-cluster</c> means true).</param>
public sealed record AgentSetting(string Key, string Env, string Switch, string Default, string Description, bool IsFlag = false);
