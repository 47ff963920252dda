using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Rendering;

/// <summary>A throwaway repository checkout (a plain folder) for render tests that change files; deleted on dispose.</summary>
internal sealed class TempRepository : IDisposable
{
    private readonly TempDir folder = new("fleetops-render-tests");

    public string Root => folder.Path;

    public static TempRepository CopyOf(params string[] fixture)
    {
        var repository = new TempRepository();
        repository.CopyFrom(TestData.PathOf(["render", .. fixture]), "");
        return repository;
    }

    public void CopyFrom(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public string Path(params string[] relative) => folder.Sub(relative);

    public string Write(string relative, string text) => folder.Write(relative, text);

    public void Replace(string relative, string oldText, string newText)
    {
        var text = File.ReadAllText(Path(relative));
        Assert.Contains(oldText, text);
        File.WriteAllText(Path(relative), text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary>An executable shell script, standing in for kustomize, kubectl or k3s.</summary>
    public string Script(string relative, string body)
    {
        var path = Write(relative, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose() => folder.Dispose();
}
