using FleetOps.Shared.Api;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Brokers;
using FleetOps.Testing.Polling;
using MQTTnet;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>
/// <see cref="ScaleOutStore"/>s registered through a hub silo's API, let into the broker with their tokens, connected,
/// and stepped together every quarter second by one loop (the stores' own behaviour, not a test's wait).
/// </summary>
public sealed class ScaleOutFleet : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    private ScaleOutFleet(IReadOnlyList<ScaleOutStore> stores)
    {
        Stores = stores;
        loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<ScaleOutStore> Stores { get; }

    /// <summary>Registers <paramref name="count"/> stores (half east, half west) on <paramref name="registrar"/> and connects them.</summary>
    public static async Task<ScaleOutFleet> StartAsync(HubSilo registrar, Mosquitto broker, int count)
    {
        var stores = new List<ScaleOutStore>();
        var tokens = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var id = $"store-{i:D3}";
            var labels = new Dictionary<string, string> { ["region"] = i % 2 == 0 ? "east" : "west" };
            var registration = await registrar.Client.RegisterAsync(new RegisterClusterRequest(id, labels), default);
            tokens.Add((id, registration.Token));
            stores.Add(new ScaleOutStore(new SimulatedAgent(id, registration.Token, "127.0.0.1", broker.Port), labels));
        }
        await broker.AllowAsync(tokens);
        await Task.WhenAll(stores.Select(async store =>
        {
            // Mosquitto reads its password file again on SIGHUP, a moment after it was sent.
            await Eventually.UntilAsync(async () => await store.Agent.ConnectAsync() == MqttClientConnectResultCode.Success,
                $"{store.Id} connects to mosquitto", TimeSpan.FromSeconds(30));
            await store.Agent.SayHelloAsync(store.Labels);
        }));
        return new ScaleOutFleet(stores);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var store in Stores)
            await store.Agent.DisposeAsync();
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var store in Stores)
            {
                try
                {
                    await store.StepAsync(now);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A publish refused while the broker reloads: the next step sends again.
                }
            }
            await Task.Delay(Step, stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
