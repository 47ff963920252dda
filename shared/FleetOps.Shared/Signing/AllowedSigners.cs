namespace FleetOps.Shared.Signing;

/// <summary>git's allowed-signers file (ssh-keygen(1), ALLOWED SIGNERS): only counted here; ssh-keygen reads it.</summary>
internal static class AllowedSigners
{
    public static int CountEntries(string text) =>
        text.Split('\n').Select(l => l.Trim()).Count(l => l.Length > 0 && !l.StartsWith('#'));
}
