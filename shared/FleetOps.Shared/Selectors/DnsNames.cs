namespace FleetOps.Shared.Selectors;

/// <summary>
/// RFC 1123 name rules as Kubernetes applies them. Group names are DNS labels so they can name
/// namespaces, inventory objects and MQTT topic segments without escaping; label key prefixes are
/// DNS subdomains.
/// </summary>
public static class DnsNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    public static bool IsLabel(string name) => ValidateLabel(name) is null;

    public static bool IsSubdomain(string name) => ValidateSubdomain(name) is null;

    /// <summary>Why <paramref name="name"/> is not a DNS label, as a clause ("it must ..."), or null when it is one.</summary>
    public static string? ValidateLabel(string name) => LabelProblem(name) is { } problem ? $"it {problem}" : null;

    /// <summary>Why <paramref name="name"/> is not a DNS subdomain, as a clause ("it must ..."), or null when it is one.</summary>
    public static string? ValidateSubdomain(string name) => SubdomainProblem(name) is { } problem ? $"it {problem}" : null;

    private static string? LabelProblem(string name)
    {
        if (name.Length == 0)
            return "must not be empty";
        if (name.Length > MaxLabelLength)
            return $"must be {MaxLabelLength} characters or fewer, not {name.Length}";
        if (!name.All(c => IsLowerAlphanumeric(c) || c == '-'))
            return "may contain only lowercase letters, digits and '-'";
        if (!IsLowerAlphanumeric(name[0]) || !IsLowerAlphanumeric(name[^1]))
            return "must start and end with a lowercase letter or digit";
        return null;
    }

    // A predicate ("must not be empty") so label keys can say which part breaks it.
    internal static string? SubdomainProblem(string name)
    {
        if (name.Length == 0)
            return "must not be empty";
        if (name.Length > MaxSubdomainLength)
            return $"must be {MaxSubdomainLength} characters or fewer, not {name.Length}";
        if (!name.All(c => IsLowerAlphanumeric(c) || c is '-' or '.'))
            return "may contain only lowercase letters, digits, '-' and '.'";
        foreach (var part in name.Split('.'))
        {
            if (part.Length == 0 || !IsLowerAlphanumeric(part[0]) || !IsLowerAlphanumeric(part[^1]))
                return "must start and end with a lowercase letter or digit, also around each '.'";
        }
        return null;
    }

    internal static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
