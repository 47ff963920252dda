using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops refresh</c>: what the hub saw at the branch head and which group targets moved because of it.</summary>
public static class RefreshView
{
    // How the hub's git watcher words a failed poll.
    private const string CannotFetch = "cannot fetch ";

    /// <summary>A poll that fetched a head (one that could not is an error: <see cref="FetchFailure"/>).</summary>
    public static void Write(Screen screen, RefreshResult result)
    {
        var head = Revisions.Short(result.Head);
        if (!result.Processed)
            screen.Line(Markup.Escape($"head {head} was already processed; nothing new"));
        else if (result.MovedGroups.Count == 0)
            screen.Line(Markup.Escape($"processed head {head}; no group target moved (the commit does not change what any group renders)"));
        else
            screen.Line(Markup.Escape($"processed head {head}; target moved for {string.Join(", ", result.MovedGroups)}"));

        foreach (var error in result.Errors)
            screen.Line($"{Styles.Error("error:")} {Markup.Escape(FleetErrorsView.Located(error))}");
    }

    /// <summary>A source error as the hub's failed fetch: "the hub could not fetch URL (branch): cause".</summary>
    public static string FetchFailure(FleetError error) =>
        error.Message.StartsWith(CannotFetch, StringComparison.Ordinal)
            ? "the hub could not fetch " + error.Message[CannotFetch.Length..]
            : "the hub could not fetch the fleet-config repository: " + error.Message;
}
