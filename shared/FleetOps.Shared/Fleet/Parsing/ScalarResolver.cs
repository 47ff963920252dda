using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Decides what a YAML scalar is. Plain scalars resolve as Kubernetes' YAML reader resolves them
/// (YAML 1.1 booleans such as yes/no/on/off included), because a label value that Kubernetes would
/// read as a boolean or number must be quoted in fleet.yaml too.
/// </summary>
internal static partial class ScalarResolver
{
    private const string StringTag = "tag:yaml.org,2002:str";
    private const string NullTag = "tag:yaml.org,2002:null";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";

    public static ScalarKind Resolve(Scalar scalar)
    {
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            return scalar.Tag.Value switch
            {
                NullTag => ScalarKind.Null,
                BoolTag => ScalarKind.Boolean,
                IntTag or FloatTag => ScalarKind.Number,
                _ => ScalarKind.String,
            };
        }
        if (scalar.Style != ScalarStyle.Plain || scalar.Tag.IsNonSpecific)
            return ScalarKind.String;
        return ResolvePlain(scalar.Value);
    }

    private static ScalarKind ResolvePlain(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or "yes" or "Yes" or "YES" or "no" or "No" or "NO"
            or "on" or "On" or "ON" or "off" or "Off" or "OFF"
            or "y" or "Y" or "n" or "N" => ScalarKind.Boolean,
        _ when NumberPattern().IsMatch(value) => ScalarKind.Number,
        _ => ScalarKind.String,
    };

    // Integers (decimal, 0x, 0o, 0b, with '_' separators), floats, and .inf/.nan.
    [GeneratedRegex(@"^(?:[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
