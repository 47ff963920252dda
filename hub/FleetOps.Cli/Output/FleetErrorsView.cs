using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// fleet.yaml, source and render errors, shown before anything else: while one stands, what the table
/// below says is the last good state, not what git says.
/// </summary>
public static class FleetErrorsView
{
    public static void Write(Screen screen, IReadOnlyList<FleetError> errors, CommitInfo? accepted, IReadOnlyList<GroupView> groups)
    {
        if (errors.Count == 0)
            return;
        var grid = Tables.Facts();
        foreach (var error in errors)
        {
            grid.Fact(Styles.Error("error:"), Markup.Escape(Located(error)));
            grid.Fact("", Styles.Dim(Consequence(error, accepted, groups, screen.Now)));
        }
        screen.Write(grid);
        screen.Line();
    }

    /// <summary>The message, led by file:line when the hub gave a place the message does not already name.</summary>
    public static string Located(FleetError error)
    {
        if (error.File is null || error.Message.StartsWith(error.File, StringComparison.Ordinal) || error.Kind != FleetErrorKinds.Definition)
            return error.Message;
        return error.Line is { } line ? $"{error.File}:{line}: {error.Message}" : $"{error.File}: {error.Message}";
    }

    /// <summary>What the error means for the fleet right now, so nobody has to know the hub's rules by heart.</summary>
    public static string Consequence(FleetError error, CommitInfo? accepted, IReadOnlyList<GroupView> groups, DateTimeOffset now)
    {
        var when = $"{Ages.Since(error.At, now)} ago";
        var at = error.Commit is null ? "" : $" at {Revisions.Short(error.Commit)}";
        return error.Kind switch
        {
            FleetErrorKinds.Definition =>
                $"refused{at} {when}; the hub keeps the definitions of {(accepted is null ? "no earlier commit (none accepted yet)" : Revisions.Short(accepted.Sha))} until fleet.yaml is fixed",
            FleetErrorKinds.Render when groups.FirstOrDefault(g => ReferenceEquals(g.Error, error) || Equals(g.Error, error)) is { } group =>
                group.Target is null
                    ? $"failed{at} {when}; group '{group.Name}' has no target yet, so its clusters get nothing from it"
                    : $"failed{at} {when}; group '{group.Name}' stays on {Revisions.Short(group.Target.Commit.Sha)} until it renders again",
            FleetErrorKinds.Source => $"since {when}; nothing moves until the hub can fetch again; stores keep running what they have",
            FleetErrorKinds.UntrustedCommit =>
                $"UntrustedCommit: refused{at} {when}; the hub keeps the targets of {(accepted is null ? "no earlier commit (none accepted yet)" : Revisions.Short(accepted.Sha))} until a commit signed by a trusted key is pushed (Hub:Source:AllowedSignersFile, Hub:Source:OpenPgpKeysFile)",
            _ => $"{error.Kind}{at}, {when}",
        };
    }
}
