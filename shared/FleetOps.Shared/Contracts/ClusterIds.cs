namespace FleetOps.Shared.Contracts;

/// <summary>
/// Cluster ids are DNS labels: they become MQTT client ids, usernames and topic segments, so they
/// must never contain '/', '+', '#' or anything a broker or a URL would treat specially.
/// </summary>
public static class ClusterIds
{
    public const int MaxLength = 63;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
            return false;
        if (!IsAlphanumeric(id[0]) || !IsAlphanumeric(id[^1]))
            return false;
        foreach (var c in id)
        {
            if (!IsAlphanumeric(c) && c != '-')
                return false;
        }
        return true;
    }

    public static string Explain(string? id) =>
        $"cluster id '{id}' is not valid: use 1-{MaxLength} lowercase letters, digits and '-', starting and ending with a letter or digit (for example 'store-0042')";

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
