using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// Types a YAML scalar the way kubectl reads a manifest: sigs.k8s.io/yaml on go-yaml v2 (YAML 1.1-ish).
/// Plain <c>yes/no/on/off/y/n</c> are booleans, <c>0042</c> is octal (34), <c>0x1F</c> is hex,
/// <c>1e3</c> is text (go-yaml v2 wants a signed exponent: <c>1e+3</c>), dates stay text.
/// Two deliberate differences: integers too big for 64 bits stay exact instead of becoming floats,
/// and <c>.nan</c>/<c>.inf</c> are refused, because JSON cannot carry them (kubectl fails later anyway).
/// </summary>
internal static partial class KubernetesScalar
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    private static readonly Dictionary<string, ResolvedScalar> Known = BuildKnown();

    public static ResolvedScalar Resolve(ManifestScalar scalar)
    {
        var tag = scalar.Tag;
        if (tag.Length == 0)
            return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? ResolvePlain(scalar.Value, scalar.Line) : ResolvedScalar.String(scalar.Value);

        switch (tag)
        {
            case "!":
            case TagPrefix + "str":
            case TagPrefix + "timestamp": // go-yaml v2 hands timestamps to untyped targets as text
                return ResolvedScalar.String(scalar.Value);
            case TagPrefix + "null":
                return Expect(scalar, ScalarKind.Null, "null");
            case TagPrefix + "bool":
                return Expect(scalar, ScalarKind.Bool, "a boolean");
            case TagPrefix + "int":
                return Expect(scalar, ScalarKind.Integer, "an integer");
            case TagPrefix + "float":
                var number = ResolvePlain(scalar.Value, scalar.Line);
                return number.Kind is ScalarKind.Float or ScalarKind.Integer
                    ? number
                    : throw new ManifestException(scalar.Line, $"'{scalar.Value}' is tagged !!float but is not a number");
            case TagPrefix + "binary":
                throw new ManifestException(scalar.Line, "!!binary values are not supported: put base64 text in a Secret's data field as a plain string");
            default:
                // Custom tags (!Ref, !foo) keep their text, as go-yaml v2 does for an untyped target.
                return ResolvedScalar.String(scalar.Value);
        }
    }

    /// <summary>A mapping key as sigs.k8s.io/yaml turns it into a JSON property name (<c>on:</c> becomes <c>"true"</c>).</summary>
    public static string KeyText(ManifestNode key)
    {
        if (key is not ManifestScalar scalar)
            throw new ManifestException(key.Line, "a mapping key must be a plain value, not a mapping or a list");
        var resolved = Resolve(scalar);
        return resolved.Kind switch
        {
            ScalarKind.Null => throw new ManifestException(key.Line, "a mapping key is null; quote it (\"null\" or \"~\") to use it as text"),
            ScalarKind.Float => GoFloat.FormatKey(resolved.Number),
            _ => resolved.Text,
        };
    }

    private static ResolvedScalar Expect(ManifestScalar scalar, ScalarKind kind, string what)
    {
        var resolved = ResolvePlain(scalar.Value, scalar.Line);
        return resolved.Kind == kind
            ? resolved
            : throw new ManifestException(scalar.Line, $"'{scalar.Value}' is tagged !!{scalar.Tag[TagPrefix.Length..]} but is not {what}");
    }

    private static ResolvedScalar ResolvePlain(string value, int line)
    {
        if (Known.TryGetValue(value, out var known))
            return known;
        if (IsNotANumber(value))
            throw new ManifestException(line, $"'{value}' is not a number JSON can carry; quote it to keep it as text");

        var first = value[0];
        if (first == '.')
            return DotFloat().IsMatch(value) ? Float(double.Parse(value, CultureInfo.InvariantCulture)) : ResolvedScalar.String(value);
        if (first is not ((>= '0' and <= '9') or '+' or '-'))
            return ResolvedScalar.String(value);

        // go-yaml v2 drops every underscore before trying numbers: 1_000 is 1000.
        var plain = value.Replace("_", "", StringComparison.Ordinal);
        if (TryParseGoInteger(plain, out var integer))
            return new ResolvedScalar(ScalarKind.Integer, integer.ToString(CultureInfo.InvariantCulture));
        if (YamlStyleFloat().IsMatch(plain))
        {
            // Only decimal integers beyond 64 bits reach here; go-yaml would round them to a float.
            if (DecimalInteger().IsMatch(plain))
                return new ResolvedScalar(ScalarKind.Integer, BigInteger.Parse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            var number = double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(number))
                return Float(number);
        }
        return ResolvedScalar.String(value);
    }

    private static ResolvedScalar Float(double number) => new(ScalarKind.Float, GoFloat.FormatJson(number), number);

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>, then <c>ParseUint</c>: prefixes 0x, 0o, 0b, a leading 0 for octal.</summary>
    private static bool TryParseGoInteger(string s, out BigInteger value)
    {
        value = default;
        var signed = s[0] is '+' or '-';
        var negative = s[0] == '-';
        var body = signed ? s.AsSpan(1) : s.AsSpan();
        if (body.IsEmpty)
            return false;

        var radix = 10;
        if (body.Length >= 2 && body[0] == '0')
        {
            var prefix = char.ToLowerInvariant(body[1]);
            radix = prefix switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 8 };
            body = body[(prefix is 'x' or 'o' or 'b' ? 2 : 1)..];
            if (body.IsEmpty)
                return false;
        }
        if (body.Length > 80)
            return false;

        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
                return false;
            value = value * radix + digit;
        }
        if (negative)
            value = -value;
        // ParseInt takes the int64 range; ParseUint the rest of uint64, but only without a sign.
        return value >= long.MinValue && value <= long.MaxValue || !signed && value <= ulong.MaxValue;
    }

    private static bool IsNotANumber(string value) =>
        value is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF";

    private static Dictionary<string, ResolvedScalar> BuildKnown()
    {
        var known = new Dictionary<string, ResolvedScalar>(StringComparer.Ordinal);
        foreach (var word in (string[])["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"])
            known[word] = ResolvedScalar.Bool(true);
        foreach (var word in (string[])["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"])
            known[word] = ResolvedScalar.Bool(false);
        foreach (var word in (string[])["", "~", "null", "Null", "NULL"])
            known[word] = ResolvedScalar.Null;
        return known;
    }

    // go-yaml v2's yamlStyleFloat: the exponent must carry a sign.
    [GeneratedRegex(@"^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    // What Go's ParseFloat accepts for a value starting with '.'.
    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DotFloat();

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();
}
