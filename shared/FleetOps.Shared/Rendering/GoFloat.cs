using System.Globalization;
using System.Text;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// Formats floats as Go does on the kubectl path, so a number reads the same here as in kubectl's JSON:
/// values as <c>encoding/json</c> writes a float64 (<c>1000</c>, <c>0.5</c>, <c>1e+21</c>, <c>1e-7</c>),
/// keys as sigs.k8s.io/yaml names them (<c>strconv.FormatFloat(k, 'g', -1, 32)</c>).
/// </summary>
internal static class GoFloat
{
    public static string FormatJson(double value)
    {
        var (negative, digits, point) = Decompose(value.ToString("R", CultureInfo.InvariantCulture));
        var magnitude = Math.Abs(value);
        var exponential = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
        // encoding/json trims "e-07" to "e-7"; positive exponents here always have two digits.
        return exponential ? Exponential(negative, digits, point, minExponentDigits: 1) : Positional(negative, digits, point);
    }

    public static string FormatKey(double value)
    {
        var (negative, digits, point) = Decompose(((float)value).ToString("R", CultureInfo.InvariantCulture));
        var exponent = point - 1;
        // Go's shortest %g switches to an exponent below 1e-4 or from 1e6 up, with at least two exponent digits.
        return exponent < -4 || exponent >= 6 ? Exponential(negative, digits, point, minExponentDigits: 2) : Positional(negative, digits, point);
    }

    private static string Positional(bool negative, string digits, int point)
    {
        var text = new StringBuilder(negative ? "-" : "");
        if (point <= 0)
            text.Append("0.").Append('0', -point).Append(digits);
        else if (point >= digits.Length)
            text.Append(digits).Append('0', point - digits.Length);
        else
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        return text.ToString();
    }

    private static string Exponential(bool negative, string digits, int point, int minExponentDigits)
    {
        var exponent = point - 1;
        var text = new StringBuilder(negative ? "-" : "").Append(digits[0]);
        if (digits.Length > 1)
            text.Append('.').Append(digits, 1, digits.Length - 1);
        text.Append('e').Append(exponent < 0 ? '-' : '+');
        text.Append(Math.Abs(exponent).ToString(new string('0', minExponentDigits), CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Shortest round-trip digits without leading or trailing zeros, and where the decimal point goes.</summary>
    private static (bool Negative, string Digits, int Point) Decompose(string roundTrip)
    {
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var point = (dot < 0 ? text.Length : dot) + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
            leading++;
        digits = digits[leading..].TrimEnd('0');
        point -= leading;
        return digits.Length == 0 ? (negative, "0", 1) : (negative, digits, point);
    }
}
