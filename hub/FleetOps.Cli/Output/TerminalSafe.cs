using FleetOps.Shared.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FleetOps.Cli.Output;

/// <summary>
/// Everything a view draws passes through here on its way to the console (<see cref="Screen"/>), so no table
/// cell or line can carry a control character from the hub or an agent to the terminal (<see cref="SafeText"/>).
/// It works on the rendered segments, before Spectre adds its own colors, so colors still work and no view
/// has to remember to clean what it shows.
/// </summary>
internal sealed class TerminalSafe(IRenderable inner) : IRenderable
{
    public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        inner.Render(options, maxWidth).Select(segment =>
            segment.IsLineBreak || segment.IsControlCode || SafeText.IsClean(segment.Text, keepLineBreaks: false)
                ? segment
                : new Segment(SafeText.Clean(segment.Text, keepLineBreaks: false), segment.Style));
}
