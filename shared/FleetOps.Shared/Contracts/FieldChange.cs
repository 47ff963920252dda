namespace FleetOps.Shared.Contracts;

/// <summary>
/// One field of an <see cref="ObjectChange"/>: <c>image api</c>, <c>replicas</c>, <c>data.tax-rate</c>. <see cref="From"/>
/// is null when the field was not there, <see cref="To"/> when it was removed; both are null and
/// <see cref="Hidden"/> is true for a value that must never leave the store (a Secret's). Values are cut to
/// <see cref="MaxValue"/> characters.
/// </summary>
public sealed record FieldChange(string Field, string? From, string? To, bool Hidden = false)
{
    public const int MaxValue = 120;

    public override string ToString() =>
        Hidden ? $"{Field} changed (value hidden)"
        : From is null ? $"{Field} set to {To}"
        : To is null ? $"{Field} removed (was {From})"
        : $"{Field} {From} → {Tail(From, To)}";

    // An image moving within one repository shows the repository once: "ghcr.io/x/podinfo:6.14.1 → 6.14.2".
    private static string Tail(string from, string to)
    {
        var colon = to.LastIndexOf(':');
        return colon > 0 && to.IndexOf('/', colon) < 0 && from.Length > colon && from[..(colon + 1)] == to[..(colon + 1)] ? to[(colon + 1)..] : to;
    }
}
