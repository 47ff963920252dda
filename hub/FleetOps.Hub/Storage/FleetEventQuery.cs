namespace FleetOps.Hub.Storage;

/// <summary>
/// Events of every cluster: <see cref="Kind"/> and <see cref="Group"/> when given, <see cref="Since"/> ≤ at &lt;
/// <see cref="Until"/> (the stores' times), newest first, <see cref="Skip"/> of them left out and at most <see cref="Take"/>.
/// </summary>
internal sealed record FleetEventQuery(string? Kind, string? Group, DateTimeOffset Since, DateTimeOffset? Until, int Skip, int Take);
