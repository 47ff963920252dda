using System.Net;
using FleetOps.Cli.Configuration;

namespace FleetOps.Cli.Client;

/// <summary>Turns what went wrong talking to the hub into messages that say what to check and how to fix it.</summary>
public static class HubErrors
{
    public static CliException Unreachable(HubConnection connection, string reason) => new(
        ExitCodes.HubUnreachable,
        $"cannot reach the hub at {connection.Display}: {reason}",
        [
            "is fleetops-hub running and listening there? It logs \"Now listening on: ...\" when it starts",
            $"the URL came from {connection.HubSource}; point the CLI elsewhere with --hub URL, {ConnectionResolver.HubVariable}=URL or \"hub\" in {connection.ConfigPath}",
        ]);

    public static CliException NotTheHub(HubConnection connection, string path, string reason) => CliException.Error(
        $"the answer from {connection.Display}/{path} is not the FleetOps hub API: {reason}",
        $"check that the URL (from {connection.HubSource}) points at fleetops-hub");

    public static HubProblemException FromProblem(HubConnection connection, HubProblem problem) => (HttpStatusCode)problem.Status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Unauthorized(connection, problem),
        HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Conflict =>
            new HubProblemException(problem, ExitCodes.Error, problem.Text, []),
        _ => new HubProblemException(problem, ExitCodes.Error,
            $"the hub at {connection.Display} failed: HTTP {problem.Status}{(problem.Title is null ? "" : $" {problem.Title}")}{(problem.Detail is null ? "" : $": {problem.Detail}")}",
            ["the hub's log says more; retry once it is healthy (GET /readyz)"]),
    };

    private static HubProblemException Unauthorized(HubConnection connection, HubProblem problem)
    {
        var message = connection.Token is null
            ? $"the hub at {connection.Display} needs its API token, and none was given"
            : $"the hub at {connection.Display} refused the API token from {connection.TokenSource}";
        return new HubProblemException(problem, ExitCodes.Error, message,
        [
            $"give the hub's admin token with {ConnectionResolver.TokenVariable}=<token>, or as {{\"token\": \"<token>\"}} in {connection.ConfigPath}",
            "fleetops-hub prints the token it generates at its first start and keeps it in <data dir>/admin-token " +
            "(by default ./.data/hub/admin-token beside the hub, mode 0600); Hub__AdminToken sets one instead",
        ]);
    }
}
