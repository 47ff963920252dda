using System.Diagnostics;
using FleetOps.Testing.Files;

namespace FleetOps.KubeEmulator.Tests.Infrastructure;

/// <summary>
/// Runs the real kubectl against one emulated cluster, with its own HOME and kubeconfig in a temp dir so
/// nothing touches ~/.kube. A missing kubectl fails the test: CI installs it, so absence is a setup error.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly TempDir home = new("kubectl-home");
    private readonly string kubeconfig;
    private readonly string executable;

    public Kubectl(EmulatedCluster cluster)
    {
        executable = Locate();
        kubeconfig = cluster.WriteKubeconfig(home.Sub("kubeconfig"));
    }

    public async Task<KubectlResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        start.Environment["HOME"] = home.Path;
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["KUBECACHEDIR"] = home.Sub("cache");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish in 60 s");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => home.Dispose();

    private static string Locate()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => System.IO.Path.Combine(dir, "kubectl"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "kubectl was not found on PATH or in /usr/bin: these tests drive the real kubectl against the emulator. Install kubectl (v1.32) and rerun.");
    }
}
