namespace FleetOps.Hub.Hosting;

/// <summary>
/// Section <c>Hub:Source</c>: the fleet-config repository. <see cref="Url"/> is what the hub mirrors;
/// <see cref="AgentUrl"/> is what agents are told to fetch from (a store often reaches the repository
/// through another name or mirror than the hub does).
/// </summary>
public sealed record SourceOptions
{
    public const string Section = "Hub:Source";

    public static readonly SourceOptions Default = new();

    /// <summary>Clone URL or local path of the fleet-config repository; empty disables the watcher.</summary>
    public string Url { get; set; } = "";

    public string Branch { get; set; } = "main";

    /// <summary>Defaults to <see cref="Url"/>.</summary>
    public string? AgentUrl { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Up to this much is added to each interval so that many hubs or silos do not poll in step.</summary>
    public TimeSpan PollJitter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A single group's render is abandoned after this long.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>kustomize, kubectl or k3s to render with (a path or a name on PATH); empty searches PATH in that order.</summary>
    public string? KustomizeExecutable { get; set; }

    public string EffectiveAgentUrl => string.IsNullOrWhiteSpace(AgentUrl) ? Url : AgentUrl;
}
