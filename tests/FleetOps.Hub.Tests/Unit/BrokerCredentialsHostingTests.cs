using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging.External.DynamicSecurity;
using FleetOps.Hub.Security;
using FleetOps.Testing.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>Who keeps agents' credentials is chosen once, from configuration.</summary>
public sealed class BrokerCredentialsHostingTests
{
    [Fact]
    public async Task AnExternalBrokerHasItsCredentialsKeptInMosquittosDynamicSecurityByDefault()
    {
        using var folder = new TempDir();
        await using var app = Build(new() { ["Hub:DataDir"] = folder.Path, ["Hub:Mqtt:BrokerUrl"] = "mqtt://broker.invalid:1883" });

        Assert.IsType<DynamicSecurityCredentials>(app.Services.GetRequiredService<IAgentCredentials>());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is CredentialSync);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("mqtt://broker.invalid:1883", "None")]
    public async Task TheEmbeddedBrokerAndAnUnmanagedExternalOneLeaveTheBrokerAlone(string? brokerUrl, string? credentials)
    {
        using var folder = new TempDir();
        await using var app = Build(new() { ["Hub:DataDir"] = folder.Path, ["Hub:Mqtt:BrokerUrl"] = brokerUrl, ["Hub:Mqtt:Credentials"] = credentials });

        Assert.IsType<UnmanagedCredentials>(app.Services.GetRequiredService<IAgentCredentials>());
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is CredentialSync);
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddFleetOpsHub();
        return builder.Build();
    }
}
