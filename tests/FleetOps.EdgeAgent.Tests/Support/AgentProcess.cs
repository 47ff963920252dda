using System.Diagnostics;
using System.Text;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>The built fleetops-agent running as a child process, configured through FLEETOPS_* variables.</summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AgentProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    /// <summary>True once the process has ended and all it wrote has been read (so <see cref="Output"/> is complete).</summary>
    public bool HasExited
    {
        get
        {
            if (!process.HasExited)
                return false;
            // HasExited turns true before the redirected pipes are drained; WaitForExit() waits for their end.
            process.WaitForExit();
            return true;
        }
    }

    /// <summary>Valid once <see cref="HasExited"/>.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Waits for the exit and for the last of its output: <see cref="HasExited"/> can be true before the output is read.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <param name="executable">A published agent (see <see cref="PublishedAgent"/>); null for the build output run by dotnet.</param>
    public static AgentProcess Start(IReadOnlyDictionary<string, string> environment, string? executable = null)
    {
        // The agent's own build output, not the copy beside the tests: the test folder resolves shared
        // framework assemblies for the emulator (ASP.NET Core), and the agent's deps.json expects its packages.
        var dll = Checkout.BuildOutput(Path.Combine("edge-agent", "FleetOps.EdgeAgent"), "fleetops-agent.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(executable ?? dotnet, executable is null ? [dll] : [])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["DOTNET_gcServer"] = "0";
        return new AgentProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start fleetops-agent"));
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
        {
            if (output.Length < 200_000)
                output.AppendLine(line);
        }
    }
}
