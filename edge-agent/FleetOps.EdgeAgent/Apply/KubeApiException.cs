using System.Net;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>An API server error the caller cannot handle in place (server unreachable, 5xx, forbidden, no answer in time).</summary>
public sealed class KubeApiException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>The API server took the request but gave no answer within the client timeout (hung or overloaded).</summary>
    public bool TimedOut { get; private init; }

    public static KubeApiException Timeout(string request, TimeSpan timeout, Exception inner) =>
        new($"the Kubernetes API did not answer within {timeout.TotalSeconds:0.###} s ({request})", null, inner) { TimedOut = true };
}
