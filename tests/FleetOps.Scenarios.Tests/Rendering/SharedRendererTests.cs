using FleetOps.Shared.Rendering;
using FleetOps.Simulator.Stores;
using FleetOps.Testing.Files;

namespace FleetOps.Scenarios.Tests.Rendering;

/// <summary>
/// The simulator's shared renderer: stores whose checked-out folders are the same bytes share one render; anything
/// that differs, fails or is given up on stays each store's own.
/// </summary>
public sealed class SharedRendererTests : IDisposable
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: menu\n  namespace: kitchen\ndata:\n  release: \"1\"\n";

    private readonly TempDir root = new("fleetops-shared-render");
    private readonly HeldRenderer inner = new();

    [Fact]
    public async Task TwoStoresWithTheSameCheckoutShareOneRender()
    {
        var shared = new SharedRenderer(inner);
        var first = shared.RenderAsync(Checkout("store-1", ConfigMap), "app");
        var second = shared.RenderAsync(Checkout("store-2", ConfigMap), "app");
        inner.Release();

        var results = await Task.WhenAll(first, second);

        Assert.Equal(1, inner.Runs);
        Assert.Equal((1, 1), (shared.Runs, shared.Shared));
        Assert.All(results, r => Assert.Equal("menu", Assert.Single(r.Set!.Objects).Name));
    }

    [Fact]
    public async Task ACheckoutThatDiffersByOneByteIsRenderedAgain()
    {
        var shared = new SharedRenderer(inner);
        inner.Release();

        await shared.RenderAsync(Checkout("store-1", ConfigMap), "app");
        var second = await shared.RenderAsync(Checkout("store-2", ConfigMap.Replace("\"1\"", "\"2\"")), "app");

        Assert.Equal(2, inner.Runs);
        Assert.Equal("2", Assert.Single(second.Set!.Objects).Content.GetProperty("data").GetProperty("release").GetString());
    }

    [Fact]
    public async Task AnotherPathOfTheSameCheckoutIsRenderedAgain()
    {
        var shared = new SharedRenderer(inner);
        inner.Release();
        var checkout = Checkout("store-1", ConfigMap);
        Directory.CreateDirectory(Path.Combine(checkout, "other"));
        File.WriteAllText(Path.Combine(checkout, "other", "menu.yaml"), ConfigMap);

        await shared.RenderAsync(checkout, "app");
        await shared.RenderAsync(checkout, "other");

        Assert.Equal(2, inner.Runs);
    }

    [Fact]
    public async Task AFailedRenderIsNotSharedEachStoreRendersItsOwn()
    {
        var shared = new SharedRenderer(inner);
        var first = shared.RenderAsync(Checkout("store-1", "kind: [unclosed"), "app");
        var second = shared.RenderAsync(Checkout("store-2", "kind: [unclosed"), "app");
        inner.Release();

        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.False(r.IsOk));
        // The waiting store got its own error, naming its own folder if the error names one, not the first store's.
        Assert.Equal(2, inner.Runs);
    }

    [Fact]
    public async Task AStoreThatGivesUpWaitingDoesNotCancelTheRenderOthersWaitOn()
    {
        var shared = new SharedRenderer(inner);
        using var giveUp = new CancellationTokenSource();
        var first = shared.RenderAsync(Checkout("store-1", ConfigMap), "app", giveUp.Token);
        var second = shared.RenderAsync(Checkout("store-2", ConfigMap), "app");

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        inner.Release();

        Assert.True((await second).IsOk);
        Assert.Equal(1, inner.Runs);
    }

    public void Dispose() => root.Dispose();

    private string Checkout(string store, string file)
    {
        root.Write($"{store}/app/menu.yaml", file);
        return root.Sub(store);
    }

    /// <summary>The real renderer, counted, and held until <see cref="Release"/> so that stores can pile up behind a run.</summary>
    private sealed class HeldRenderer : IRenderer
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int runs;

        public int Runs => Volatile.Read(ref runs);

        public void Release() => released.TrySetResult();

        public async Task<RenderResult> RenderAsync(string repositoryRoot, string path, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref runs);
            await released.Task.WaitAsync(cancellationToken);
            return await Renderer.Default.RenderAsync(repositoryRoot, path, cancellationToken);
        }
    }
}
