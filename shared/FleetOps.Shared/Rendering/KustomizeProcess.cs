using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FleetOps.Shared.Rendering;

/// <summary>Runs a kustomize build as a child process with a deadline; the process tree never outlives the call.</summary>
internal static class KustomizeProcess
{
    // After a kill the pipes close at once; this bounds the wait in case a grandchild kept them open.
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(5);

    /// <exception cref="OperationCanceledException">The caller cancelled; the process has been killed.</exception>
    public static async Task<KustomizeRun> RunAsync(KustomizeTool tool, string directory, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in tool.CommandFor(directory))
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new KustomizeRun(-1, "", "", TimedOut: false, StartError: e.Message);
        }
        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(timeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // Both streams are read at once: a child blocked on a full stderr pipe would never finish stdout.
        var output = process.StandardOutput.ReadToEndAsync(stop.Token);
        var errors = process.StandardError.ReadToEndAsync(stop.Token);
        try
        {
            await Task.WhenAll(output, errors).ConfigureAwait(false);
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
            return new KustomizeRun(process.ExitCode, output.Result, errors.Result, TimedOut: false, StartError: null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Kill(process);
            await DrainAsync(output, errors, time).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new KustomizeRun(-1, "", "", TimedOut: true, StartError: null);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited, or gone between the check and the kill: nothing left to stop.
        }
    }

    private static async Task DrainAsync(Task<string> output, Task<string> errors, TimeProvider time)
    {
        try
        {
            await Task.WhenAll(output, errors).WaitAsync(DrainAfterKill, time).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or IOException)
        {
            // The reads were cancelled or the pipes broke; their content no longer matters.
        }
    }
}
