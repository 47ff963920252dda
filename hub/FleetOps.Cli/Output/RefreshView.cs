using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops refresh</c>: what the hub saw at the branch head and which group targets moved because of it.</summary>
public static class RefreshView
{
    public static void Write(Screen screen, RefreshResult result)
    {
        if (result.Head is null)
            screen.Line(Styles.Warning("the hub has no head to look at: it could not fetch, or Hub:Source:Url is not set"));
        else if (!result.Processed)
            screen.Line(Markup.Escape($"head {Revisions.Short(result.Head)} was already processed; nothing new"));
        else if (result.MovedGroups.Count == 0)
            screen.Line(Markup.Escape($"processed head {Revisions.Short(result.Head)}; no group target moved (the commit does not change what any group renders)"));
        else
            screen.Line(Markup.Escape($"processed head {Revisions.Short(result.Head)}; target moved for {string.Join(", ", result.MovedGroups)}"));

        foreach (var error in result.Errors)
            screen.Line($"{Styles.Error("error:")} {Markup.Escape(FleetErrorsView.Located(error))}");
    }
}
