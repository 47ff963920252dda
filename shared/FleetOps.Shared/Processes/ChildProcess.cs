using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FleetOps.Shared.Processes;

/// <summary>
/// Runs a tool (kustomize, gpgv, ssh-keygen) as a child process with a deadline: a timeout becomes a
/// result, the whole process tree is killed, and both pipes are drained together.
/// </summary>
internal static class ChildProcess
{
    // After a kill the pipes close at once; this bounds the wait in case a grandchild kept them open.
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(5);

    /// <param name="input">Written to the tool's standard input, which is then closed; null closes it at once.</param>
    /// <exception cref="OperationCanceledException">The caller cancelled; the process has been killed.</exception>
    public static async Task<ChildProcessRun> RunAsync(string executable, IEnumerable<string> arguments, string workingDirectory,
        byte[]? input, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new ChildProcessRun(-1, "", "", TimedOut: false, StartError: e.Message);
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // Input is written while the outputs are read: a child blocked on a full pipe would never finish.
        var writing = WriteInputAsync(process, input, stop.Token);
        var output = process.StandardOutput.ReadToEndAsync(stop.Token);
        var errors = process.StandardError.ReadToEndAsync(stop.Token);
        try
        {
            await Task.WhenAll(writing, output, errors).ConfigureAwait(false);
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
            return new ChildProcessRun(process.ExitCode, output.Result, errors.Result, TimedOut: false, StartError: null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Kill(process);
            await DrainAsync(output, errors, time).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new ChildProcessRun(-1, "", "", TimedOut: true, StartError: null);
        }
    }

    private static async Task WriteInputAsync(Process process, byte[]? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is { Length: > 0 })
                await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool exited without reading all of its input; its exit code and output say why.
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
