namespace FleetOps.KubeEmulator.Storage;

/// <summary>A serialized response body, its HTTP status code, and the warnings to send with it.</summary>
internal sealed record ApiResult(int StatusCode, byte[] Body, IReadOnlyList<string>? Warnings = null);
