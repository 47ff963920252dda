using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator;

/// <summary>
/// A request the emulated API server rejected; over HTTP it becomes a Kubernetes Status body with
/// <see cref="Code"/>, and the emulator's direct-access methods throw it as is.
/// </summary>
public sealed class KubeApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    /// <summary>The HTTP status code, e.g. 404, 409, 422.</summary>
    public int Code => code;

    /// <summary>The Status reason, e.g. NotFound, AlreadyExists, Conflict, Invalid.</summary>
    public string Reason => reason;

    /// <summary>The Status object the API server would send.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };
        // An error the server did not turn into a Status (a 500) has no reason, and Go omits the empty field.
        if (reason.Length > 0)
            status["reason"] = reason;

        if (details is not null)
            status["details"] = details.DeepClone();

        status["code"] = code;
        return status;
    }
}
