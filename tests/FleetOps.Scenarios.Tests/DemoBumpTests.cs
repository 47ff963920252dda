using System.Diagnostics;
using FleetOps.Simulator.Demo;
using FleetOps.Simulator.Source;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;

namespace FleetOps.Scenarios.Tests;

/// <summary>
/// The banner's recipe for a new POS version is printed once, when the demo starts, and pasted as often as a user
/// likes: each paste must bump the tag the working copy holds then, not the one it held when the banner was printed.
/// </summary>
public sealed class DemoBumpTests
{
    [Fact]
    public void ThePrintedBumpCommitsTheNextPatchVersionEveryTimeItIsRun()
    {
        using var folder = new TempDir("fleetops-demo-bump");
        using var workingCopy = GitRepo.OpenOrCreate(folder.Sub("fleet-config"), BundledFleetConfig.Locate(), "Initial fleet-config");
        var first = Tag(workingCopy);
        var commands = DemoBump.Commands();

        Run(commands, workingCopy.Path);
        var afterOne = Tag(workingCopy);
        var headAfterOne = workingCopy.Head;
        Run(commands, workingCopy.Path);

        Assert.Equal(Next(first), afterOne);
        Assert.Equal(Next(afterOne), Tag(workingCopy));
        Assert.NotEqual(headAfterOne, workingCopy.Head);
        Assert.Contains($"POS {Next(afterOne)} for the east region", Git(workingCopy.Path, "log", "-1", "--format=%s"));
    }

    private static string Tag(GitRepo repo) =>
        System.Text.RegularExpressions.Regex.Match(repo.Read(DemoBump.Kustomization), "newTag: \"([^\"]+)\"").Groups[1].Value;

    private static string Next(string version)
    {
        var parts = version.Split('.');
        return $"{parts[0]}.{parts[1]}.{int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 1}";
    }

    /// <summary>As a user pastes them: one bash, in the working copy, stopping at the first line that fails.</summary>
    private static void Run(IReadOnlyList<string> commands, string workingCopy)
    {
        var output = Shell("bash", workingCopy, "-e", "-c", string.Join('\n', commands));
        Assert.True(output.ExitCode == 0, $"the printed commands failed ({output.ExitCode}): {output.Text}");
    }

    private static string Git(string workingCopy, params string[] args) => Shell("git", workingCopy, args).Text;

    private static (int ExitCode, string Text) Shell(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // A commit needs an author; the user's machine has one, the CI's may not.
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "demo user";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "demo@example.com";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
