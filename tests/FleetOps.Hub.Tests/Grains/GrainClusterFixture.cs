using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Metrics;
using FleetOps.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>
/// One in-process Orleans test cluster with the hub's grains, memory storage and recording fakes for
/// the I/O seams. Calls go through the test cluster's client, so every argument crosses a real
/// serializer the way it would between silos.
/// </summary>
public class GrainClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    internal RecordingTransport Transport => Silo.GetRequiredService<RecordingTransport>();

    internal IJournalStore Journal => Silo.GetRequiredService<IJournalStore>();

    public IGrainFactory Grains => Cluster.GrainFactory;

    private IServiceProvider Silo => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        AddSilo(builder);
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    protected virtual void AddSilo(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<SiloConfigurator>();

    protected class SiloConfigurator : ISiloConfigurator
    {
        public virtual void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(HubStorage.Name);
            silo.Services.AddSerializer(serializer => serializer.AddHubSerialization());
            RecordingTransport.AddTo(silo.Services);
            silo.Services.AddSingleton<IJournalStore, MemoryJournalStore>();
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton(_ =>
            {
                var readiness = new HubReadiness();
                readiness.MarkReady();
                return readiness;
            });
            silo.Services.AddSingleton<HubMetrics>();
            // As with an external broker: presence is never a leftover here (the presence tests run a whole hub).
            silo.Services.AddSingleton(new PresenceEpoch(null));
            silo.Services.AddOptions<HubOptions>();
            silo.Services.AddOptions<SourceOptions>().Configure(o => o.Url = "https://git.example.com/fleet-config.git");
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.Services.AddSerializer(serializer => serializer.AddHubSerialization());
    }
}
