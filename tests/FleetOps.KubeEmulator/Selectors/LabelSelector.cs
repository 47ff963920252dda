using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Selectors;

/// <summary>
/// A parsed label selector in the query-string syntax (<c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>),
/// matched with the same rules as apimachinery's labels package.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => requirements.Count == 0;

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Everything;

        var parser = new Parser(text);
        return new LabelSelector(parser.ParseAll());
    }

    /// <summary>Builds a selector from a LabelSelector object (<c>matchLabels</c>, <c>matchExpressions</c>).</summary>
    public static LabelSelector FromObject(JsonObject selector)
    {
        var list = new List<Requirement>();
        foreach (var (key, value) in selector["matchLabels"]?.AsObject() ?? [])
        {
            list.Add(new Requirement(key, Operator.Equals, [Json.Text(value)]));
        }

        foreach (var expression in selector["matchExpressions"]?.AsArray() ?? [])
        {
            var key = Json.Text(expression?["key"]);
            var values = expression?["values"]?.AsArray().Select(Json.Text).ToArray() ?? [];
            var op = Json.Text(expression?["operator"]) switch
            {
                "In" => Operator.In,
                "NotIn" => Operator.NotIn,
                "Exists" => Operator.Exists,
                "DoesNotExist" => Operator.DoesNotExist,
                var other => throw ApiErrors.BadRequest($"\"{other}\" is not a valid label selector operator"),
            };
            list.Add(new Requirement(key, op, values));
        }

        return new LabelSelector(list);
    }

    public bool Matches(JsonObject? labels)
    {
        foreach (var requirement in requirements)
        {
            var present = labels is not null && labels.TryGetPropertyValue(requirement.Key, out _);
            var value = present ? Json.Text(labels![requirement.Key]) : null;
            if (!requirement.Matches(value))
                return false;
        }

        return true;
    }

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
        GreaterThan,
        LessThan,
    }

    private sealed record Requirement(string Key, Operator Op, string[] Values)
    {
        public bool Matches(string? value) => Op switch
        {
            Operator.Equals or Operator.In => value is not null && Values.Contains(value),
            Operator.NotEquals or Operator.NotIn => value is null || !Values.Contains(value),
            Operator.Exists => value is not null,
            Operator.DoesNotExist => value is null,
            Operator.GreaterThan => value is not null && long.TryParse(value, out var g) && g > long.Parse(Values[0]),
            Operator.LessThan => value is not null && long.TryParse(value, out var l) && l < long.Parse(Values[0]),
            _ => false,
        };
    }

    private sealed class Parser(string text)
    {
        private int position;

        public List<Requirement> ParseAll()
        {
            var list = new List<Requirement>();
            while (true)
            {
                list.Add(ParseRequirement());
                SkipSpaces();
                if (position >= text.Length)
                    return list;

                Expect(',');
            }
        }

        private Requirement ParseRequirement()
        {
            SkipSpaces();
            if (Peek() == '!')
            {
                position++;
                return new Requirement(ParseKey(), Operator.DoesNotExist, []);
            }

            var key = ParseKey();
            SkipSpaces();
            if (position >= text.Length || Peek() == ',')
                return new Requirement(key, Operator.Exists, []);

            if (TryTake("==") || TryTake("="))
                return new Requirement(key, Operator.Equals, [ParseValue()]);

            if (TryTake("!="))
                return new Requirement(key, Operator.NotEquals, [ParseValue()]);

            if (TryTake(">"))
                return new Requirement(key, Operator.GreaterThan, [ParseInteger()]);

            if (TryTake("<"))
                return new Requirement(key, Operator.LessThan, [ParseInteger()]);

            if (TryTakeWord("notin"))
                return new Requirement(key, Operator.NotIn, ParseSet());

            if (TryTakeWord("in"))
                return new Requirement(key, Operator.In, ParseSet());

            throw Error($"found '{Rest()}', expected: in, notin, =, ==, !=, gt, lt");
        }

        private string ParseKey()
        {
            SkipSpaces();
            var key = TakeWhile(IsNameChar);
            if (key.Length == 0)
                throw Error($"found '{Rest()}', expected: identifier");

            var problem = Validation.Names.CheckQualifiedName(key);
            return problem is null ? key : throw Error($"invalid label key \"{key}\": {problem}");
        }

        private string ParseValue()
        {
            SkipSpaces();
            var value = TakeWhile(IsNameChar);
            var problem = Validation.Names.CheckLabelValue(value);
            return problem is null ? value : throw Error($"invalid label value: \"{value}\": at key: {problem}");
        }

        private string ParseInteger()
        {
            var value = ParseValue();
            return long.TryParse(value, out _) ? value : throw Error($"for 'Gt', 'Lt' operators, the value must be an integer");
        }

        private string[] ParseSet()
        {
            SkipSpaces();
            Expect('(');
            var values = new List<string>();
            while (true)
            {
                values.Add(ParseValue());
                SkipSpaces();
                if (TryTake(")"))
                    return [.. values];

                Expect(',');
            }
        }

        private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/';

        private string TakeWhile(Func<char, bool> predicate)
        {
            var start = position;
            while (position < text.Length && predicate(text[position]))
                position++;

            return text[start..position];
        }

        private bool TryTake(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, position, token, 0, token.Length) != 0)
                return false;

            position += token.Length;
            return true;
        }

        private bool TryTakeWord(string word)
        {
            SkipSpaces();
            var end = position + word.Length;
            if (end > text.Length || string.CompareOrdinal(text, position, word, 0, word.Length) != 0
                || (end < text.Length && IsNameChar(text[end])))
            {
                return false;
            }

            position = end;
            return true;
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek() != c)
                throw Error($"found '{Rest()}', expected: '{c}'");

            position++;
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private string Rest() => position < text.Length ? text[position..] : "";

        private void SkipSpaces()
        {
            while (position < text.Length && text[position] == ' ')
                position++;
        }

        private KubeApiException Error(string detail) =>
            ApiErrors.BadRequest($"unable to parse requirement: {detail}");
    }
}
