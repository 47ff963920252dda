using FleetOps.Hub.Messaging;
using FleetOps.Shared.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary>Where agents connect and the CA they verify the hub with; behind the admin token like the rest of /api/v1.</summary>
internal static class BrokerEndpoints
{
    public const string PemContentType = "application/x-pem-file";

    public static Ok<BrokerInfo> Get(BrokerDirections directions) => TypedResults.Ok(directions.Describe());

    /// <summary>The CA's certificate as PEM, ready for <c>FLEETOPS_BROKER_CA</c>; 404 when the hub is not its own CA.</summary>
    public static Results<ContentHttpResult, ProblemHttpResult> GetCa(BrokerDirections directions) =>
        directions.CaPem is { } pem
            ? TypedResults.Content(pem, PemContentType)
            : Problems.NotFound("No hub CA",
                "the broker's certificate is not the hub's own: it is the configured Hub:Mqtt:TlsCertificatePath, or the broker is external; give agents the CA that issued it", []);
}
