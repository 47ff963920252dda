namespace FleetOps.Testing.Rendering;

/// <summary>
/// A kubectl that says it is kubectl v1.32.4 with kustomize v5.5.0 and does everything else through the kubectl on
/// PATH: a hub configured with it shows the same renderer on every machine, so golden files do not depend on the
/// kubectl installed.
/// </summary>
public static class PinnedKubectl
{
    public const string Describes = "kubectl kustomize (kubectl v1.32.4, kustomize v5.5.0)";

    private static readonly Lazy<string> Script = new(Create);

    /// <summary>The script's path (made once per test process, beside the tests).</summary>
    public static string Path => Script.Value;

    private static string Create()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "pinned-kubectl", "kubectl");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path,
            "#!/bin/sh\n" +
            "if [ \"$1\" = version ]; then printf 'Client Version: v1.32.4\\nKustomize Version: v5.5.0\\n'; exit 0; fi\n" +
            "exec kubectl \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
