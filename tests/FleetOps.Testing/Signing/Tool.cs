using System.Diagnostics;

namespace FleetOps.Testing.Signing;

/// <summary>Runs gpg, ssh-keygen or git for a test; a failure throws with the tool's own error output.</summary>
internal static class Tool
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static string Run(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? System.IO.Path.GetTempPath(),
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish within {Deadline}");
        }
        Task.WaitAll(output, errors);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {errors.Result}{output.Result}");
        return output.Result;
    }
}
