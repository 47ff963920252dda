using FleetOps.Shared.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FleetOps.Cli.Output;

/// <summary>
/// Standard output as the views draw on it: a Spectre console at a known width, in color only when
/// writing to a terminal and <c>NO_COLOR</c> is unset, plus the clock and zone that ages and times use.
/// </summary>
public sealed class Screen
{
    /// <summary>Piped output has no terminal width; wide enough that tables rarely wrap, as kubectl's never do.</summary>
    public const int PipedWidth = 200;

    /// <summary><c>-o wide</c> never squeezes its columns: like kubectl's, its lines are as long as they need to be.</summary>
    public const int WideWidth = 1000;

    private readonly LineTrimmingWriter writer;
    private readonly IAnsiConsole console;

    private Screen(LineTrimmingWriter writer, IAnsiConsole console, bool color, DateTimeOffset now, TimeZoneInfo zone)
    {
        this.writer = writer;
        this.console = console;
        Color = color;
        Now = now;
        Zone = zone;
    }

    public bool Color { get; }

    public DateTimeOffset Now { get; }

    public TimeZoneInfo Zone { get; }

    public int Width => console.Profile.Width;

    public static Screen Create(TextWriter stdout, CliEnvironment env, bool wide = false)
    {
        var color = env.IsTerminal && env.Variable("NO_COLOR") is null && env.Variable("TERM") != "dumb";
        var writer = new LineTrimmingWriter(stdout);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = wide ? WideWidth : env.Width
            ?? (int.TryParse(env.Variable("COLUMNS"), out var columns) && columns > 20 ? columns : PipedWidth);
        return new Screen(writer, console, color, env.Clock.GetUtcNow(), env.TimeZone);
    }

    /// <summary>Draws <paramref name="renderable"/> without any control character its text may hold (<see cref="TerminalSafe"/>).</summary>
    public void Write(IRenderable renderable) => console.Write(new TerminalSafe(renderable));

    /// <summary>One line of markup; pass hub text through <see cref="Markup.Escape"/> first.</summary>
    public void Line(string markup = "") => Write(new Markup(SafeText.Clean(markup) + "\n"));

    public void Flush() => writer.Flush();
}
