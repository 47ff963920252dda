namespace FleetOps.EdgeAgent.Source;

/// <summary>Repository URLs as they may be shown: a token embedded in the URL must not reach a log line or the hub.</summary>
public static class SourceUrls
{
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && !string.IsNullOrEmpty(u.UserInfo)
            ? url.Replace(u.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;
}
