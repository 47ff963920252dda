using System.Globalization;
using System.Text;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// A small line plot as SVG (share Converged over seconds since the commit, one line per run), enough for a
/// README; no plotting package is on our NuGet feed, and a few dozen lines of SVG need none.
/// </summary>
public static class SvgPlot
{
    private const int Width = 720;
    private const int Height = 400;
    private const int Left = 60;
    private const int Right = 170;
    private const int Top = 30;
    private const int Bottom = 50;

    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string Render(string title, IReadOnlyList<(string Label, IReadOnlyList<(double Seconds, double Share)> Points)> runs)
    {
        var maxSeconds = Math.Max(1, runs.SelectMany(r => r.Points).Select(p => p.Seconds).DefaultIfEmpty(1).Max());
        var xStep = NiceStep(maxSeconds / 8);
        maxSeconds = Math.Ceiling(maxSeconds / xStep) * xStep;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        string X(double seconds) => F(Left + seconds / maxSeconds * plotWidth);
        string Y(double share) => F(Top + (1 - share) * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\">{Escape(title)}</text>\n");
        for (var share = 0.0; share <= 1.0001; share += 0.25)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{Y(share)}\" y2=\"{Y(share)}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(share)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{share * 100:F0}%</text>\n");
        }
        for (var seconds = 0.0; seconds <= maxSeconds + xStep / 2; seconds += xStep)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(seconds)}\" x2=\"{X(seconds)}\" y1=\"{Top}\" y2=\"{Top + plotHeight}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(seconds)}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{seconds:0.#}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">seconds since the commit</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#333\"/>\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var color = Colors[i % Colors.Length];
            var path = string.Join(' ', runs[i].Points.Select(p => $"{X(p.Seconds)},{Y(p.Share)}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{path}\"/>\n");
            var legendY = Top + 10 + i * 18;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 12}\" x2=\"{Width - Right + 32}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 38}\" y=\"{legendY}\" dominant-baseline=\"middle\">{Escape(runs[i].Label)}</text>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1e-3))));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(step => step >= raw);
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
