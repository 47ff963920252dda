using FleetOps.Testing.Files;

namespace FleetOps.Testing.Signing;

/// <summary>
/// A fresh ed25519 OpenPGP key without a passphrase in a GNUPGHOME of its own
/// (<c>gpg --batch --passphrase '' --quick-gen-key</c>); dispose stops the gpg-agent that signing started.
/// </summary>
public sealed class GpgSigningKey : ICommitSigner, IDisposable
{
    private readonly TempDir home = new("fleetops-gpg");

    public GpgSigningKey(string userId = "Platform Team <platform@fleetops.invalid>")
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(home.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment = new Dictionary<string, string> { ["GNUPGHOME"] = home.Path };
        Gpg("--batch", "--passphrase", "", "--quick-gen-key", userId, "ed25519", "sign", "never");
        Fingerprint = Gpg("--with-colons", "--list-keys").Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
    }

    public string Fingerprint { get; }

    public IReadOnlyList<string> GitArguments => ["-c", "gpg.format=openpgp", "-c", "gpg.program=gpg", "-c", $"user.signingkey={Fingerprint}"];

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The public key, armored (<c>gpg --armor --export</c>) or binary.</summary>
    public string ExportPublicKey(bool armored = true) => armored ? Gpg("--armor", "--export", Fingerprint) : Convert.ToBase64String(ExportBinary());

    public byte[] ExportBinary()
    {
        var file = home.Sub("export.gpg");
        Gpg("--batch", "--yes", "--output", file, "--export", Fingerprint);
        return File.ReadAllBytes(file);
    }

    public void Dispose()
    {
        try
        {
            Tool.Run("gpgconf", ["--kill", "all"], Environment);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            // No agent was started, or gpgconf is missing: nothing to stop.
        }
        home.Dispose();
    }

    private string Gpg(params string[] arguments) => Tool.Run("gpg", arguments, Environment);
}
