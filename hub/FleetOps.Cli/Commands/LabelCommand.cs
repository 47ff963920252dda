using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Cli.Parsing;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops label ID region=west ring-</c>: changes the registry labels that select a cluster's groups (what its agent
/// reports does not); the cluster leaves and joins groups before the hub answers.
/// </summary>
public sealed class LabelCommand : Command
{
    public LabelCommand(CliRuntime runtime)
        : base("label", "Set (key=value) or remove (key-) a cluster's registry labels, which decide its groups")
    {
        var id = new Argument<string>("ID") { Description = "Cluster id, for example store-0042" };
        var changes = new Argument<string[]>("CHANGE")
        {
            Description = "key=value sets a label, key- removes one: region=west ring-",
            Arity = ArgumentArity.OneOrMore,
        };
        changes.Validators.Add(result =>
        {
            if (!LabelChanges.TryParse(result.Tokens.Select(t => t.Value), out _, out _, out var error))
                result.AddError(error!);
        });
        Arguments.Add(id);
        Arguments.Add(changes);
        this.Runs(runtime, async (context, ct) =>
        {
            var clusterId = context.Value(id);
            LabelChanges.TryParse(context.Value(changes), out var set, out var remove, out _);
            ClusterLabels labels;
            try
            {
                labels = await context.Hub.RelabelAsync(clusterId, new LabelRequest(set, remove, context.Env.Actor), ct);
            }
            catch (HubProblemException e) when (e.Problem.Status == 404)
            {
                throw ClusterCommand.UnknownCluster(e);
            }
            catch (HubProblemException e) when (e.Problem.Status == 400)
            {
                throw CliException.Usage(e.Problem.Text, $"fleetops cluster {clusterId} shows its labels now");
            }
            if (context.Json)
                context.WriteJson(labels, JsonOutput.Api.ClusterLabels);
            else
                LabelView.Write(context.Screen, labels);
            return ExitCodes.Ok;
        });
    }
}
