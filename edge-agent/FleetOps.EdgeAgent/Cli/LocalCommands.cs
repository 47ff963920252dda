using System.CommandLine;
using System.Text.Json;
using FleetOps.EdgeAgent.Local;

namespace FleetOps.EdgeAgent.Cli;

/// <summary>
/// <c>status</c> and <c>history</c>: for a technician at the store, with no network. They read the running agent's
/// answer on its control socket, or the data dir's state when no agent runs; they never change anything.
/// </summary>
public static class LocalCommands
{
    public static Command Status(Func<ParseResult, string> dataDir, TextWriter stdout, TextWriter stderr)
    {
        var json = Json();
        var command = new Command("status", "Show this store's state from its data dir: per group the desired and applied revision, phase and reason; the last events, unsent journal events and last contact with the hub");
        command.Options.Add(json);
        command.SetAction(async (parse, ct) => await ReportAsync("status", stderr, async () =>
        {
            var status = await LocalStateReader.StatusAsync(dataDir(parse), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
                stdout.WriteLine(JsonSerializer.Serialize(status, LocalJsonContext.Default.LocalStatus));
            else
                LocalStatusView.Write(stdout, status, DateTimeOffset.UtcNow);
        }).ConfigureAwait(false));
        return command;
    }

    public static Command History(Func<ParseResult, string> dataDir, TextWriter stdout, TextWriter stderr)
    {
        var json = Json();
        var group = new Option<string?>("--group", "-g") { Description = "Only this group's events", HelpName = "GROUP" };
        var limit = new Option<int>("--limit", "-n")
        {
            Description = $"The newest N events, shown oldest first [default: {LocalReports.DefaultHistoryLimit}; the store keeps its unsent events and the last {State.LiteAgentStore.KeptHistory} sent]",
            HelpName = "N",
            DefaultValueFactory = _ => LocalReports.DefaultHistoryLimit,
        };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > LocalReports.MaxHistoryLimit)
                r.AddError($"--limit must be from 1 to {LocalReports.MaxHistoryLimit}");
        });
        var command = new Command("history", "Show the store's own journal, newest events last: what it applied, corrected, failed at, and when it was connected");
        command.Options.Add(group);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) => await ReportAsync("history", stderr, async () =>
        {
            var history = await LocalStateReader.HistoryAsync(dataDir(parse), parse.GetValue(group), parse.GetValue(limit), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
                stdout.WriteLine(JsonSerializer.Serialize(history, LocalJsonContext.Default.LocalHistory));
            else
                LocalHistoryView.Write(stdout, history, parse.GetValue(group));
        }).ConfigureAwait(false));
        return command;
    }

    private static Option<bool> Json() => new("--json") { Description = "The state as JSON, complete, for scripts" };

    private static async Task<int> ReportAsync(string name, TextWriter stderr, Func<Task> body)
    {
        try
        {
            await body().ConfigureAwait(false);
            return AgentExitCodes.Ok;
        }
        catch (LocalStateException e)
        {
            stderr.WriteLine($"fleetops-agent {name}: {e.Message}");
            return AgentExitCodes.NoState;
        }
    }
}
