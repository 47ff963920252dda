namespace FleetOps.EdgeAgent.Configuration;

/// <summary>Credentials for the fleet-config repository: an https token, or an ssh private key file.</summary>
public sealed record GitCredentialOptions(string? Token = null, string? Username = null, string? SshKeyPath = null, string SshProgram = "ssh")
{
    public static readonly GitCredentialOptions Default = new();

    /// <summary>Most forges accept any user name with a token; GitHub documents this one.</summary>
    public string EffectiveUsername => string.IsNullOrEmpty(Username) ? "x-access-token" : Username;

    // Records print their members; the token must never reach a log line through ToString.
    public override string ToString() =>
        $"GitCredentialOptions {{ Token = {(Token is null ? "none" : "***")}, Username = {Username}, SshKeyPath = {SshKeyPath}, SshProgram = {SshProgram} }}";
}
