using System.Diagnostics;
using FleetOps.EdgeAgent.State;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Testing.Disks;

/// <summary>
/// A small file system under one folder (an agent's data dir) that a test fills and empties. Where the machine
/// allows it (CI runs as root) it is a real tmpfs of a few MiB mounted on the folder, and filling it makes every
/// writer in the folder meet "No space left on device", LiteDB and git alike. Where mounting is not permitted the
/// folder stays on the ordinary disk and <see cref="ConfigureAgent"/> gives the agent a state file whose writes fail
/// as a full disk's do (<see cref="FullDiskStream"/>): the same IOException, thrown inside LiteDB where the real one is.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private const int Chunk = 64 * 1024;
    private static readonly TimeSpan TopUpEvery = TimeSpan.FromMilliseconds(50);

    private readonly QuotaStateFileOpener? seam;
    private readonly List<string> fillers = [];
    private Timer? topUp;

    private SmallDisk(string folder, QuotaStateFileOpener? seam)
    {
        Folder = folder;
        this.seam = seam;
    }

    public string Folder { get; }

    /// <summary>True when <see cref="Folder"/> is a tmpfs of its own; false when only the agent's state file is made to fail.</summary>
    public bool IsRealFileSystem => seam is null;

    /// <summary>
    /// Makes <paramref name="folder"/> a file system of <paramref name="bytes"/>, or, when mounting is not permitted
    /// (or <paramref name="preferMount"/> is false, to run the fallback on purpose), prepares the state file seam.
    /// </summary>
    public static SmallDisk Create(string folder, long bytes = 16 * 1024 * 1024, bool preferMount = true)
    {
        Directory.CreateDirectory(folder);
        if (preferMount && Run("mount", "-t", "tmpfs", "-o", $"size={bytes},mode=0700", "tmpfs", folder))
            return new SmallDisk(folder, null);
        return new SmallDisk(folder, new QuotaStateFileOpener());
    }

    /// <summary>How to open the agent's state file on this disk (to read what the agent wrote, after it stopped).</summary>
    public IStateFileOpener Opener => (IStateFileOpener?)seam ?? StateFileOpener.Instance;

    /// <summary>For <c>EdgeAgentHost.Create(..., configure:)</c>: without a real file system, the agent opens its state through the seam.</summary>
    public void ConfigureAgent(IServiceCollection services)
    {
        if (seam is not null)
            services.AddSingleton<IStateFileOpener>(seam);
    }

    /// <summary>
    /// Takes every free byte, and keeps taking whatever is freed (a render folder deleted, a log truncated) until
    /// <see cref="Free"/>, as the other writers on a full disk do: the next write that needs space fails with
    /// "No space left on device".
    /// </summary>
    public void Fill()
    {
        if (seam is not null)
        {
            seam.Full = true;
            return;
        }
        lock (fillers)
        {
            TakeWhatIsFree();
            topUp ??= new Timer(_ => { lock (fillers) { if (topUp is not null) TakeWhatIsFree(); } }, null, TopUpEvery, TopUpEvery);
        }
    }

    /// <summary>Gives the space back.</summary>
    public void Free()
    {
        if (seam is not null)
        {
            seam.Full = false;
            return;
        }
        lock (fillers)
        {
            topUp?.Dispose();
            topUp = null;
            foreach (var filler in fillers)
                File.Delete(filler);
            fillers.Clear();
        }
    }

    private void TakeWhatIsFree()
    {
        var buffer = new byte[Chunk];
        var filler = Path.Combine(Folder, $"filler-{fillers.Count}.bin");
        fillers.Add(filler);
        try
        {
            using var file = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            // Big chunks first, then single pages, so not even a page is left.
            foreach (var size in new[] { Chunk, 4096, 512 })
            {
                try
                {
                    while (true)
                        file.Write(buffer, 0, size);
                }
                catch (IOException)
                {
                }
            }
        }
        catch (IOException)
        {
            // Not even room for a new (empty) file: nothing was free.
        }
    }

    public void Dispose()
    {
        lock (fillers)
        {
            topUp?.Dispose();
            topUp = null;
        }
        // Lazy: a process still holding a file in the folder must not keep the test from finishing.
        if (seam is null)
            Run("umount", "--lazy", Folder);
    }

    private static bool Run(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
                return false;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such program: certainly no mounting here.
            return false;
        }
    }
}
