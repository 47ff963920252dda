using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops refresh</c>: what the hub saw at the branch head and which group targets moved because of it.</summary>
public static class RefreshView
{
    // How the hub's git watcher words a failed poll.
    private const string CannotFetch = "cannot fetch ";

    /// <summary>
    /// A poll that fetched a head (one that could not is an error: <see cref="FetchFailure"/>): which group targets
    /// moved, that none did, or that the head was refused for some groups and why.
    /// </summary>
    public static void Write(Screen screen, RefreshResult result)
    {
        var head = Revisions.Short(result.Head);
        var seen = result.Processed ? $"processed head {head}" : $"head {head} was already processed";
        var why = Why(result);
        if (Refused(result) is { } refused)
            screen.Line($"{Styles.Error("error:")} {Markup.Escape(refused)}");
        else if (result.MovedGroups.Count == 0)
            screen.Line(Markup.Escape($"{seen}; no group target moved" + (result.Processed ? " (the commit does not change what any group renders)" : "")));
        else
            screen.Line(Markup.Escape($"{seen}; group targets moved: {string.Join(", ", result.MovedGroups)}"));

        foreach (var error in result.Errors.Where(e => !ReferenceEquals(e, why)))
            screen.Line($"{Styles.Error("error:")} {Markup.Escape(FleetErrorsView.Located(error))}");
    }

    /// <summary>"head abc1234 refused for groups X, Y: why", or null when the head reaches every group.</summary>
    public static string? Refused(RefreshResult result)
    {
        if (result.RefusedGroups is not { Count: > 0 } groups)
            return null;
        var why = Why(result);
        var moved = result.MovedGroups.Count == 0 ? "" : $" (group targets moved: {string.Join(", ", result.MovedGroups)})";
        return $"head {Revisions.Short(result.Head)} refused for {(groups.Count == 1 ? "group" : "groups")} {string.Join(", ", groups)}{moved}"
            + (why is null ? "" : $": {FleetErrorsView.Located(why)}");
    }

    // The error that refused the head, told on the refusal's own line rather than again below it.
    private static FleetError? Why(RefreshResult result) =>
        result.RefusedGroups is { Count: > 0 } ? result.Errors.FirstOrDefault(e => e.Commit == result.Head && e.Kind != FleetErrorKinds.Source) : null;

    /// <summary>A source error as the hub's failed fetch: "the hub could not fetch URL (branch): cause".</summary>
    public static string FetchFailure(FleetError error) =>
        error.Message.StartsWith(CannotFetch, StringComparison.Ordinal)
            ? "the hub could not fetch " + error.Message[CannotFetch.Length..]
            : "the hub could not fetch the fleet-config repository: " + error.Message;
}
