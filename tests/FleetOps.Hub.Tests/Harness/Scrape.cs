using System.Globalization;
using FleetOps.Testing.Hub;

namespace FleetOps.Hub.Tests.Harness;

/// <summary>A /metrics answer in the Prometheus text format, read the way Prometheus reads it: one sample per series.</summary>
public sealed class Scrape(string text)
{
    public string Text => text;

    /// <summary>
    /// The sample of one series, written as in the text (<c>name{label="value"}</c>, or the bare name, which the
    /// exporter writes as <c>name{}</c>); 0 when the series is absent, as for a counter nothing has counted yet.
    /// </summary>
    public double Value(string series)
    {
        string[] prefixes = series.EndsWith('}') ? [series + " "] : [series + " ", series + "{} "];
        foreach (var line in text.Split('\n'))
            foreach (var prefix in prefixes)
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                    return double.Parse(line[prefix.Length..].Split(' ')[0], CultureInfo.InvariantCulture);
        return 0;
    }

    public static async Task<Scrape> OfAsync(InProcessHub hub)
    {
        using var http = hub.CreateHttpClient();
        return new(await http.GetStringAsync("/metrics"));
    }
}
