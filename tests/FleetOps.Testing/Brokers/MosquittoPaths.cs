namespace FleetOps.Testing.Brokers;

/// <summary>Where Debian's mosquitto package puts the dynamic-security plugin and mosquitto_ctrl; a clear error when they are missing.</summary>
public static class MosquittoPaths
{
    private static readonly string[] PluginFolders =
        ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib", "/usr/lib/mosquitto"];

    public static string DynamicSecurityPlugin() =>
        PluginFolders.Select(f => Path.Combine(f, "mosquitto_dynamic_security.so")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "mosquitto_dynamic_security.so was not found (looked in " + string.Join(", ", PluginFolders) +
            "): install Debian's mosquitto 2.0 (apt-get install mosquitto), which ships it; 'dpkg -L mosquitto | grep dynamic' shows where");

    public static string Ctrl() =>
        new[] { "/usr/bin/mosquitto_ctrl", "/usr/local/bin/mosquitto_ctrl" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("mosquitto_ctrl was not found: install Debian's mosquitto 2.0 (apt-get install mosquitto), which ships it");
}
