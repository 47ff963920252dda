using FleetOps.Cli.Client;
using FleetOps.Cli.Configuration;

namespace FleetOps.Testing.Hub;

/// <summary>The CLI's own <see cref="HubClient"/> for a hub a test started, in this process or as a child process.</summary>
public static class HubClients
{
    public static HubClient For(Uri apiAddress, string adminToken) =>
        HubClient.Create(new HubConnection(apiAddress, "the test's hub", adminToken, "the test", "(no config file)"), TimeSpan.FromSeconds(60));
}
