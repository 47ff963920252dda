namespace FleetOps.Shared.Api;

/// <summary>
/// An error answer (RFC 9457 problem details) as the CLI reads it. <see cref="Nearest"/> lists known
/// names close to one that was not found (404), for "did you mean".
/// </summary>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, IReadOnlyList<string>? Nearest);
