using System.Diagnostics;
using FleetOps.Testing.Files;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>Runs the built <c>fleetops-bench</c> as its own process, as a reader reruns a benchmark, within a time limit.</summary>
internal static class BenchmarkRun
{
    /// <returns>The exit code (-1 when killed at the limit), stdout (figures and the last line) and stderr.</returns>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Checkout.BuildOutput(Path.Combine("tests", "FleetOps.Benchmarks"), "fleetops-bench.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        // The hub's and the benchmark's complaints go to stderr; the figures and the last line to stdout.
        // Both pipes drained together, so neither fills while the other is read.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (process.HasExited ? process.ExitCode : -1, await stdout, await stderr);
    }
}
