using System.CommandLine;
using FleetOps.Cli.Output;
using FleetOps.Cli.Parsing;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops register ID -l key=value</c>: registers a cluster and prints its agent token, once.</summary>
public sealed class RegisterCommand : Command
{
    public RegisterCommand(CliRuntime runtime)
        : base("register", "Register a cluster with its labels; prints its agent token (shown only once)")
    {
        var id = new Argument<string>("ID") { Description = "Cluster id: lowercase letters, digits and '-', for example store-0042" };
        id.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !ClusterIds.IsValid(result.Tokens[0].Value))
                result.AddError(ClusterIds.Explain(result.Tokens[0].Value));
        });
        var labels = new Option<string[]>("--label", "-l")
        {
            Description = "A label as key=value; repeat it or separate with commas: -l region=east -l ring=canary",
            HelpName = "KEY=VALUE",
            DefaultValueFactory = _ => [],
        };
        labels.Validators.Add(result =>
        {
            if (!LabelPairs.TryParse(result.Tokens.Select(t => t.Value), out _, out var error))
                result.AddError(error!);
        });
        Arguments.Add(id);
        Options.Add(labels);

        this.Runs(runtime, async (context, ct) =>
        {
            LabelPairs.TryParse(context.Value(labels), out var parsed, out _);
            RegisterClusterResponse registered;
            try
            {
                registered = await context.Hub.RegisterAsync(new RegisterClusterRequest(context.Value(id), parsed), ct);
            }
            catch (Client.HubProblemException e) when (e.Problem.Status == 409)
            {
                // The usual reason to register again is a lost token: say how to get a new one, with this id.
                var clusterId = context.Value(id);
                throw CliException.Error(e.Problem.Text,
                    $"fleetops token {clusterId} issues it a new agent token (the old one stops working)",
                    $"fleetops cluster {clusterId} shows the registered cluster");
            }
            if (context.Json)
                context.WriteJson(registered, JsonOutput.Api.RegisterClusterResponse);
            else
                RegisterView.Write(context.Screen, registered, context.Hub.Connection.BaseAddress);
            return ExitCodes.Ok;
        });
    }
}
