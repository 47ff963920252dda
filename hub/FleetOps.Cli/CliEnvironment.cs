using System.Collections;

namespace FleetOps.Cli;

/// <summary>
/// Everything the CLI reads from the process around it, so that tests run it in-process with their own
/// variables, clock, time zone and terminal width instead of the test runner's.
/// </summary>
public sealed record CliEnvironment
{
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Wall-clock time for ages and relative times; deadlines use its monotonic timestamp.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Times without an offset (<c>--since 2026-11-17T09:00</c>) are read, and shown, in this zone.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Standard output is a terminal (colors allowed, width known).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Columns available for tables; null when unknown (output piped to a file or another program).</summary>
    public int? Width { get; init; }

    /// <summary>The user's home folder, for <c>~/.config/fleetops/config.json</c>.</summary>
    public string? HomeDirectory { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Ctrl+C cancels the running command; only the real process wants the console handler.</summary>
    public bool HandleInterrupts { get; init; }

    /// <summary>This machine's name, for the actor recorded with rollout actions and pins.</summary>
    public string? HostName { get; init; }

    public string? Variable(string name) =>
        Variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Who the hub records as having acted (pause, promote, pin, ...): <c>$USER@hostname</c>.</summary>
    public string Actor => $"{Variable("USER") ?? Variable("USERNAME") ?? "unknown"}@{HostName ?? "unknown-host"}";

    public static CliEnvironment FromProcess() => new()
    {
        Variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal),
        Clock = TimeProvider.System,
        TimeZone = TimeZoneInfo.Local,
        IsTerminal = !Console.IsOutputRedirected,
        Width = Console.IsOutputRedirected ? null : TerminalWidth(),
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        HandleInterrupts = true,
        HostName = LocalHostName(),
    };

    private static string? LocalHostName()
    {
        try
        {
            // gethostname(2): no lookup, no network.
            return System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static int? TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
