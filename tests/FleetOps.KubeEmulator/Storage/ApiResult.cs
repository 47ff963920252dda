namespace FleetOps.KubeEmulator.Storage;

/// <summary>A serialized response body and its HTTP status code.</summary>
internal sealed record ApiResult(int StatusCode, byte[] Body);
