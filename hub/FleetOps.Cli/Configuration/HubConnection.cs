namespace FleetOps.Cli.Configuration;

/// <summary>
/// The hub to talk to and the token to send, each with where it came from, so that an error can say
/// "the token from FLEETOPS_TOKEN was refused" instead of leaving the user to guess.
/// </summary>
public sealed record HubConnection(Uri BaseAddress, string HubSource, string? Token, string? TokenSource, string ConfigPath)
{
    /// <summary>The hub's URL as the user wrote it, without the trailing slash added for relative requests.</summary>
    public string Display => BaseAddress.ToString().TrimEnd('/');
}
