using System.CommandLine;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops rollout</c>: a group's progressive rollout (its fleet.yaml <c>rollout:</c> block) seen and steered:
/// <c>status</c>, and the operator's actions <c>pause</c>, <c>resume</c>, <c>promote</c> and <c>abort</c>.
/// </summary>
public sealed class RolloutCommand : Command
{
    public RolloutCommand(CliRuntime runtime)
        : base("rollout", "Show or steer a group's progressive rollout: status, pause, resume, promote, abort")
    {
        Subcommands.Add(new RolloutStatusCommand(runtime));
        Subcommands.Add(RolloutActionCommand.PauseCommand(runtime));
        Subcommands.Add(RolloutActionCommand.ResumeCommand(runtime));
        Subcommands.Add(RolloutActionCommand.PromoteCommand(runtime));
        Subcommands.Add(RolloutActionCommand.AbortCommand(runtime));
    }
}
