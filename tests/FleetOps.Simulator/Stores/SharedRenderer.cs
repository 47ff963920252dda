using System.Security.Cryptography;
using System.Text;
using FleetOps.Shared.Rendering;

namespace FleetOps.Simulator.Stores;

/// <summary>
/// The simulator's one concession to fitting hundreds of stores on one machine: every simulated agent still fetches
/// into its own git cache and checks the revision out into its own folder, but a folder whose files are byte for byte
/// one another store has rendered is not rendered again. Real stores would compute the same objects (the render of a
/// revision and path, before cluster variables, which each agent still fills in itself), so only the cost is shared:
/// one kustomize run per distinct input instead of one per store. Only successful renders are shared; a failure
/// (which may name the store's own folder, or be a timeout under load) is each store's own.
/// </summary>
public sealed class SharedRenderer(IRenderer inner, int capacity = 64) : IRenderer
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task<RenderResult>> renders = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();
    private long runs;
    private long shared;

    /// <summary>Renders actually run (kustomize or the plain-YAML reader).</summary>
    public long Runs => Interlocked.Read(ref runs);

    /// <summary>Renders answered from another store's run.</summary>
    public long Shared => Interlocked.Read(ref shared);

    public async Task<RenderResult> RenderAsync(string repositoryRoot, string path, CancellationToken cancellationToken = default)
    {
        var key = Key(repositoryRoot, path);
        Task<RenderResult> render;
        var mine = false;
        lock (gate)
        {
            if (renders.TryGetValue(key, out var existing))
            {
                render = existing;
                Interlocked.Increment(ref shared);
            }
            else
            {
                // Not the caller's token: other stores may wait on this run; the renderer's own timeout bounds it.
                render = renders[key] = RunAsync(key, repositoryRoot, path);
                mine = true;
                order.Enqueue(key);
                while (order.Count > capacity)
                    renders.Remove(order.Dequeue());
            }
        }
        var result = await render.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsOk)
            return result;
        // A failure is the store's own that ran it; a store that waited on it renders its own folder.
        return mine ? result : await inner.RenderAsync(repositoryRoot, path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RenderResult> RunAsync(string key, string repositoryRoot, string path)
    {
        Interlocked.Increment(ref runs);
        RenderResult result;
        try
        {
            result = await inner.RenderAsync(repositoryRoot, path, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            Forget(key);
            throw;
        }
        if (!result.IsOk)
            Forget(key);
        return result;
    }

    private void Forget(string key)
    {
        lock (gate)
            renders.Remove(key);
    }

    /// <summary>The group's path and every file of the checked-out tree (names and bytes): what a render can read.</summary>
    private static string Key(string repositoryRoot, string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
        if (Directory.Exists(repositoryRoot))
        {
            var files = Directory.GetFiles(repositoryRoot, "*", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/') + "\0"));
                var bytes = File.ReadAllBytes(file);
                hash.AppendData(BitConverter.GetBytes(bytes.LongLength));
                hash.AppendData(bytes);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
