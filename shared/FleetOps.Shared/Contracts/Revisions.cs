namespace FleetOps.Shared.Contracts;

public static class Revisions
{
    /// <summary>A full SHA-1 (40) or SHA-256 (64) commit id in lowercase hex; desired state never names a branch or short sha.</summary>
    public static bool IsFullSha(string? revision) =>
        revision is { Length: 40 or 64 } && revision.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>The 7-character form people read.</summary>
    public static string Short(string? revision) =>
        string.IsNullOrEmpty(revision) ? "-" : revision.Length <= 7 ? revision : revision[..7];
}
