using FleetOps.Hub.Storage;
using FleetOps.Hub.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace FleetOps.Hub.Hosting;

/// <summary>
/// The Orleans silo, with clustering and grain storage chosen here, in one place, from
/// <c>Hub:Orleans</c>: localhost clustering and LiteDB by default, ADO.NET on PostgreSQL for scale-out.
/// </summary>
public static class HubOrleansExtensions
{
    public static IHostApplicationBuilder AddHubOrleans(this IHostApplicationBuilder builder)
    {
        var o = builder.Configuration.GetSection(ClusteringOptions.Section).Get<ClusteringOptions>() ?? ClusteringOptions.Default;
        builder.Services.AddOptions<ClusteringOptions>().BindConfiguration(ClusteringOptions.Section);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        if (o.UsesAdoNetClustering || o.UsesAdoNetStorage)
        {
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(Required(o.ConnectionString)));
            // Before the silo's own hosted service, so an un-migrated database stops the hub with what to run.
            builder.Services.AddHostedService<DatabaseGate>();
        }
        builder.Services.AddSingleton(sp => new DatabaseHealth(sp.GetService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<DatabaseOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DatabaseHealth>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseHealth>());

        builder.UseOrleans(silo =>
        {
            silo.Services.AddSerializer(serializer => serializer.AddHubSerialization());
            if (o.UsesAdoNetClustering)
            {
                silo.UseAdoNetClustering(ado =>
                {
                    ado.Invariant = o.Invariant;
                    ado.ConnectionString = Required(o.ConnectionString);
                });
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = o.ClusterId;
                    cluster.ServiceId = o.ServiceId;
                });
                silo.ConfigureEndpoints(o.AdvertisedAddress ?? System.Net.Dns.GetHostName(), o.SiloPort, o.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
                silo.UseLocalhostClustering(o.SiloPort, o.GatewayPort, null, o.ServiceId, o.ClusterId);

            if (o.UsesAdoNetStorage)
            {
                silo.AddAdoNetGrainStorage(HubStorage.Name, ado =>
                {
                    ado.Invariant = o.Invariant;
                    ado.ConnectionString = Required(o.ConnectionString);
                });
                // Same version-tolerant binary format as the LiteDB storage, rather than the provider's JSON default.
                silo.Services.AddOptions<AdoNetGrainStorageOptions>(HubStorage.Name)
                    .Configure<Serializer>((ado, serializer) => ado.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
                silo.Services.AddSingleton<IJournalStore, PostgresJournalStore>();
            }
            else
            {
                silo.Services.AddSingleton<HubDatabase>();
                silo.Services.AddGrainStorage(HubStorage.Name, (services, _) => ActivatorUtilities.CreateInstance<LiteDbGrainStorage>(services));
                silo.Services.AddSingleton<IJournalStore, LiteDbJournalStore>();
            }
        });
        return builder;
    }

    private static string Required(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Hub:Orleans:ConnectionString is required when Clustering or Storage is AdoNet")
            : connectionString;
}
