using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// The few colors the CLI uses, all carrying meaning: green converged, yellow degraded, red failed and
/// errors, grey for clusters the hub cannot currently see. Without color the words say the same.
/// </summary>
public static class Styles
{
    public static string PhaseColor(Phase phase) => phase switch
    {
        Phase.Converged => "green",
        Phase.Pending or Phase.Progressing => "blue",
        Phase.Degraded => "yellow",
        Phase.Failed => "red",
        _ => "grey",
    };

    public static string PhaseText(Phase phase) => $"[{PhaseColor(phase)}]{phase}[/]";

    /// <summary>The hub phase, and for an offline cluster the phase its agent last reported: "Offline (was Converged)".</summary>
    public static string PhaseText(Phase phase, Phase? lastPhase) =>
        phase == Phase.Offline && lastPhase is { } last ? $"{PhaseText(phase)} (was {PhaseText(last)})" : PhaseText(phase);

    /// <summary>Rollouts in the same colors: blue under way, yellow waiting for a person, red halted, green completed, grey aborted or idle.</summary>
    public static string RolloutColor(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Progressing => "blue",
        RolloutPhase.Paused or RolloutPhase.WaitingForApproval => "yellow",
        RolloutPhase.Halted => "red",
        RolloutPhase.Completed => "green",
        _ => "grey",
    };

    public static string RolloutText(RolloutPhase phase, string text) => $"[{RolloutColor(phase)}]{Markup.Escape(text)}[/]";

    /// <summary>A count colored only when it is not zero, so the eye lands on the columns that matter.</summary>
    public static string Count(int count, Phase phase) => count == 0 ? "0" : $"[{PhaseColor(phase)}]{count}[/]";

    public static string Error(string text) => $"[red]{Markup.Escape(text)}[/]";

    public static string Warning(string text) => $"[yellow]{Markup.Escape(text)}[/]";

    public static string Dim(string text) => $"[grey]{Markup.Escape(text)}[/]";

    public static string Bold(string text) => $"[bold]{Markup.Escape(text)}[/]";

    /// <summary>Shortens hub text for a one-line cell; the full text is in <c>-o wide</c> and <c>-o json</c>.</summary>
    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var firstLine = text.ReplaceLineEndings(" ").Trim();
        return firstLine.Length <= max ? firstLine : firstLine[..(max - 1)] + "…";
    }
}
