using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops rollout pause|resume|promote|abort GROUP</c>: one operator action, recorded by the hub with
/// <c>$USER@host</c> as its actor; prints the rollout as it stands after it. A refusal (the hub's 409: the
/// action means nothing in the rollout's phase) exits 1 with the hub's reason and what to do instead.
/// </summary>
public sealed class RolloutActionCommand : Command
{
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Promote = "promote";
    public const string Abort = "abort";

    private RolloutActionCommand(CliRuntime runtime, string action, string description, Func<CommandContext, RolloutAction> request, params Option[] options)
        : base(action, description)
    {
        var group = new Argument<string>("GROUP") { Description = "Group name from fleet.yaml" };
        Arguments.Add(group);
        foreach (var option in options)
            Options.Add(option);
        this.Runs(runtime, async (context, ct) =>
        {
            var name = context.Value(group);
            var asked = request(context);
            RolloutView rollout;
            try
            {
                rollout = await context.Hub.ActOnRolloutAsync(name, action, asked, ct);
            }
            catch (HubProblemException e) when (e.Problem.Status == 404)
            {
                throw GroupCommand.UnknownGroup(e);
            }
            catch (HubProblemException e) when (e.Problem.Status == 409)
            {
                throw await RefusedAsync(context.Hub, name, action, e, ct);
            }
            if (context.Json)
                context.WriteJson(rollout, JsonOutput.Api.RolloutView);
            else
                RolloutActionView.Write(context.Screen, action, asked, rollout, context.Wide);
            return ExitCodes.Ok;
        });
    }

    public static RolloutActionCommand PauseCommand(CliRuntime runtime) => new(runtime, Pause,
        "Pause the group's rollout: nothing more is released until resume", Plain);

    public static RolloutActionCommand ResumeCommand(CliRuntime runtime) => new(runtime, Resume,
        "Resume a Paused rollout; a Halted one goes on accepting its failures; an Aborted one starts again from the first wave", Plain);

    public static RolloutActionCommand AbortCommand(CliRuntime runtime) => new(runtime, Abort,
        "Abort the rollout: released members go back to the group's stable revision", Plain);

    public static RolloutActionCommand PromoteCommand(CliRuntime runtime)
    {
        var all = new Option<bool>("--all") { Description = "Release every member now, whatever wave it would have been in" };
        var now = new Option<bool>("--now") { Description = "Let members apply the revision outside their maintenance windows" };
        return new(runtime, Promote,
            "Skip the current bake or the approval and open the next wave (--all: every member; --now: ignore windows)",
            context => new RolloutAction(context.Env.Actor, context.Value(all), context.Value(now)), all, now);
    }

    private static RolloutAction Plain(CommandContext context) => new(context.Env.Actor);

    /// <summary>The hub's reason, and what to do in the phase the rollout is in (looked up; without it, the reason alone).</summary>
    private static async Task<CliException> RefusedAsync(HubClient hub, string group, string action, HubProblemException refusal, CancellationToken ct)
    {
        var hints = new List<string>();
        try
        {
            var phase = (await hub.GetRolloutAsync(group, ct)).Phase;
            hints.AddRange(phase switch
            {
                RolloutPhase.Idle => ["a group rolls out wave by wave only with a rollout: block in fleet.yaml, from the first target move after it; " +
                    "without one every member takes a new target at once"],
                RolloutPhase.Paused => [$"fleetops rollout resume {group} goes on from where it was paused"],
                RolloutPhase.Halted => [$"fix forward with a new commit, or fleetops rollout resume {group} to accept the failures and go on"],
                RolloutPhase.Aborted => [$"fleetops rollout resume {group} starts it again from the first wave; a new commit starts a new rollout"],
                _ => [],
            });
        }
        catch (CliException)
        {
            // The refusal is the answer; the phase only sharpens the hints.
        }
        hints.Add($"fleetops rollout status {group} shows its phase, waves and what it waits for");
        return new CliException(ExitCodes.Error, $"cannot {action} the rollout of '{group}': {refusal.Problem.Text}", hints);
    }
}
