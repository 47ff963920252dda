namespace FleetOps.Shared.Tests.Rendering;

/// <summary>A throwaway repository checkout under the temp folder, for tests that change files; deleted on dispose.</summary>
internal sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fleetops-render-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static TempRepository CopyOf(params string[] fixture)
    {
        var repository = new TempRepository();
        repository.CopyFrom(Fixtures.Path(["render", .. fixture]), "");
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

    public string Path(params string[] relative) => System.IO.Path.Combine([Root, .. relative]);

    public string Write(string relative, string text)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
