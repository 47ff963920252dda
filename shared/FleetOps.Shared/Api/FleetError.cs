namespace FleetOps.Shared.Api;

/// <summary>
/// Why the hub refused a commit or a group's render. <see cref="Kind"/> is one of
/// <see cref="FleetErrorKinds"/>; <see cref="File"/> and <see cref="Line"/> point at the cause when known.
/// </summary>
public sealed record FleetError(
    string Kind,
    string Message,
    string? File,
    int? Line,
    string? Commit,
    DateTimeOffset At);
