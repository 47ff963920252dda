using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Messaging.Embedded;
using FleetOps.Hub.Messaging.External;
using FleetOps.Hub.Storage;
using FleetOps.Testing.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>Clustering, storage and broker are chosen in one place from configuration; the host is built, not started.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task TheEmbeddedDefaultsAreLocalhostClusteringLiteDbAndTheEmbeddedBroker()
    {
        using var folder = new TempDir();
        await using var app = Build(new() { ["Hub:DataDir"] = folder.Path });

        Assert.IsType<LiteDbGrainStorage>(app.Services.GetRequiredKeyedService<IGrainStorage>(HubStorage.Name));
        Assert.IsType<LiteDbJournalStore>(app.Services.GetRequiredService<IJournalStore>());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is EmbeddedBroker);
        Assert.IsType<EmbeddedBroker>(app.Services.GetRequiredService<IAgentTransport>());
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is ExternalBrokerLink);
    }

    [Fact]
    public async Task AdoNetClusteringAndStorageAndAnExternalBrokerAreSelectedByConfiguration()
    {
        using var folder = new TempDir();
        await using var app = Build(new()
        {
            ["Hub:DataDir"] = folder.Path,
            ["Hub:Orleans:Clustering"] = "AdoNet",
            ["Hub:Orleans:Storage"] = "AdoNet",
            ["Hub:Orleans:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=fleetops;Username=hub;Password=unused",
            ["Hub:Mqtt:BrokerUrl"] = "mqtts://broker.invalid:8883",
        });

        Assert.Equal("AdoNetGrainStorage", app.Services.GetRequiredKeyedService<IGrainStorage>(HubStorage.Name).GetType().Name);
        Assert.Equal("AdoNetClusteringTable", app.Services.GetRequiredService<Orleans.IMembershipTable>().GetType().Name);
        Assert.IsType<PostgresJournalStore>(app.Services.GetRequiredService<IJournalStore>());
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is EmbeddedBroker);
        Assert.IsType<ExternalBrokerLink>(app.Services.GetRequiredService<IAgentTransport>());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is ExternalBrokerLink);
    }

    [Fact]
    public async Task AdoNetWithoutAConnectionStringSaysWhatIsMissing()
    {
        using var folder = new TempDir();
        await using var app = Build(new() { ["Hub:DataDir"] = folder.Path, ["Hub:Orleans:Storage"] = "AdoNet" });

        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredKeyedService<IGrainStorage>(HubStorage.Name));
        Assert.Contains("Hub:Orleans:ConnectionString", error.Message);
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
