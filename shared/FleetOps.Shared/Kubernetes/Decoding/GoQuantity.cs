using System.Collections.Concurrent;
using System.Globalization;
using k8s.Models;

namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>
/// apimachinery's ParseQuantity, so the same texts pass and fail with the same messages, and the canonical form the
/// API server stores (<c>0.5</c> is <c>500m</c>, <c>1024Mi</c> is <c>1Gi</c>, <c>1000</c> is <c>1k</c>), which
/// KubernetesClient's <see cref="ResourceQuantity"/> computes.
/// </summary>
internal static class GoQuantity
{
    public const string FormatWrong = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    public const string SuffixWrong = "unable to parse quantity's suffix";

    private const string SuffixCharacters = "eEinumkKMGTP";

    private static readonly Dictionary<string, int> DecimalSuffixes = new(StringComparer.Ordinal)
    {
        ["n"] = -9,
        ["u"] = -6,
        ["m"] = -3,
        [""] = 0,
        ["k"] = 3,
        ["M"] = 6,
        ["G"] = 9,
        ["T"] = 12,
        ["P"] = 15,
        ["E"] = 18,
    };

    private static readonly Dictionary<string, int> BinarySuffixes = new(StringComparer.Ordinal)
    {
        ["Ki"] = 10,
        ["Mi"] = 20,
        ["Gi"] = 30,
        ["Ti"] = 40,
        ["Pi"] = 50,
        ["Ei"] = 60,
    };

    // A fleet writes the same few quantities ("100m", "128Mi") over and over; parsing one costs microseconds.
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<string, (string? Canonical, string? Error)> Cache = new(StringComparer.Ordinal);

    /// <summary>The canonical text of a quantity, or the decoder's error for it.</summary>
    public static string? Canonical(string text, out string? error)
    {
        if (Cache.TryGetValue(text, out var known))
        {
            error = known.Error;
            return known.Canonical;
        }

        var canonical = Parse(text, out error);
        if (Cache.Count < CacheLimit)
            Cache.TryAdd(text, (canonical, error));

        return canonical;
    }

    private static string? Parse(string text, out string? error)
    {
        error = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            error = FormatWrong;
            return null;
        }

        if (text == "0")
            return "0";

        if (!Split(text, out var negative, out var number, out var suffix))
        {
            error = FormatWrong;
            return null;
        }

        if (!Interpret(suffix, out var binaryShift, out var exponent, out var format))
        {
            error = SuffixWrong;
            return null;
        }

        // Beyond decimal's 28 digits: valid for Go, kept as written rather than rounded here.
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var mantissa))
            return text;

        try
        {
            for (var i = 0; i < binaryShift; i += 10)
                mantissa *= 1024;

            var quantity = new ResourceQuantity(negative ? -mantissa : mantissa, exponent, format);
            return quantity.CanonicalizeString();
        }
        catch (Exception e) when (e is OverflowException or ArgumentException or InvalidOperationException)
        {
            // Too large for KubernetesClient's arithmetic: kept as written.
            return text;
        }
    }

    /// <summary>Go's parseQuantityString: sign, digits with at most one point, then a suffix of known letters and an optional signed exponent.</summary>
    private static bool Split(string text, out bool negative, out string number, out string suffix)
    {
        negative = false;
        number = "";
        suffix = "";
        var position = 0;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            position++;
        }

        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
            position++;

        if (position < text.Length && text[position] == '.')
        {
            position++;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
                position++;
        }

        number = text[start..position];
        if (number.Length == 0 || number == ".")
            number = "0" + number;

        var suffixStart = position;
        while (position < text.Length && SuffixCharacters.Contains(text[position], StringComparison.Ordinal))
            position++;

        if (position < text.Length && text[position] is '+' or '-')
            position++;

        while (position < text.Length && char.IsAsciiDigit(text[position]))
            position++;

        suffix = text[suffixStart..];
        return position == text.Length;
    }

    private static bool Interpret(string suffix, out int binaryShift, out int exponent, out ResourceQuantity.SuffixFormat format)
    {
        binaryShift = 0;
        exponent = 0;
        format = ResourceQuantity.SuffixFormat.DecimalSI;
        if (DecimalSuffixes.TryGetValue(suffix, out exponent))
            return true;

        if (BinarySuffixes.TryGetValue(suffix, out binaryShift))
        {
            format = ResourceQuantity.SuffixFormat.BinarySI;
            return true;
        }

        format = ResourceQuantity.SuffixFormat.DecimalExponent;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
    }
}
