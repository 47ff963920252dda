using System.Diagnostics;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>
/// The agent as operators install it: README's publish command (self-contained, single file, trimmed) run once per
/// test class into a temp folder. Nothing else builds it that way, and a trim break shows only there.
/// </summary>
public sealed class PublishedAgent : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly TempDir output = new("fleetops-published-agent");
    private readonly TempDir source = new("fleetops-published-agent-source");

    public string Executable => output.Sub("fleetops-agent");

    public async Task InitializeAsync()
    {
        // From a copy of the agent's sources: a publish restores for linux-x64 and writes the projects' obj folders,
        // which the solution's own builds (running beside the tests) read.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
            File.Copy(Checkout.PathOf(file), source.Sub(file));
        CopyProject(Path.Combine("edge-agent", "FleetOps.EdgeAgent"));
        CopyProject(Path.Combine("shared", "FleetOps.Shared"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", source.Sub("edge-agent", "FleetOps.EdgeAgent", "FleetOps.EdgeAgent.csproj"),
            "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true", "-o", output.Path })
            start.ArgumentList.Add(argument);
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Limit);
        try
        {
            await publish.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish of the agent took over {Limit}: {await stdout}");
        }
        if (publish.ExitCode != 0 || !File.Exists(Executable))
            throw new InvalidOperationException($"README's publish command failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    public Task DisposeAsync()
    {
        output.Dispose();
        source.Dispose();
        return Task.CompletedTask;
    }

    private void CopyProject(string project)
    {
        var from = Checkout.PathOf(project);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
                continue;
            var to = source.Sub(project, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
