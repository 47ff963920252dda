using FleetOps.Shared.Signing;

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

    /// <summary>
    /// git's allowed-signers file of the SSH keys a head may be signed with. The trusted keys are hub configuration,
    /// never fleet.yaml: the keys must not live in the repository whose commits they judge.
    /// </summary>
    public string? AllowedSignersFile { get; set; }

    /// <summary>OpenPGP public keys (armored or binary) a head may be signed with. With neither file, commits are not verified.</summary>
    public string? OpenPgpKeysFile { get; set; }

    /// <summary>One gpgv or ssh-keygen call is stopped after this long; the head is then refused until a poll can check it.</summary>
    public TimeSpan SignatureTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string EffectiveAgentUrl => string.IsNullOrWhiteSpace(AgentUrl) ? Url : AgentUrl;

    public TrustedKeys TrustedKeys => new(Blank(AllowedSignersFile), Blank(OpenPgpKeysFile));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
