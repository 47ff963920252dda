using System.Diagnostics.CodeAnalysis;

namespace FleetOps.Shared.Selectors;

/// <summary>
/// Reads the kubectl selector string form (the grammar of k8s.io/apimachinery labels.Parse):
/// comma-separated requirements, each <c>key</c>, <c>!key</c>, <c>key=value</c>, <c>key==value</c>,
/// <c>key!=value</c>, <c>key in (v1,v2)</c> or <c>key notin (v1,v2)</c>. Errors stop at the first
/// problem, because after a syntax error the rest of the string cannot be read reliably.
/// </summary>
internal sealed class LabelSelectorStringParser
{
    private const string Operators = "'=', '==', '!=', 'in' or 'notin'";

    private readonly string text;
    private readonly Dictionary<string, string> matchLabels = new(StringComparer.Ordinal);
    private readonly List<LabelSelectorRequirement> requirements = [];
    private int position;

    private LabelSelectorStringParser(string text) => this.text = text;

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out LabelSelector? selector,
        [NotNullWhen(false)] out LabelSelectorSyntaxError? error)
    {
        var parser = new LabelSelectorStringParser(text);
        try
        {
            parser.ParseSelector();
            selector = new LabelSelector(parser.matchLabels, parser.requirements);
            error = null;
            return true;
        }
        catch (SyntaxException e)
        {
            selector = null;
            error = new LabelSelectorSyntaxError(text, e.Position, e.Message);
            return false;
        }
    }

    private void ParseSelector()
    {
        if (Peek().Kind == TokenKind.End)
            return;
        while (true)
        {
            ParseRequirement();
            var separator = Next();
            if (separator.Kind == TokenKind.End)
                return;
            if (separator.Kind != TokenKind.Comma)
                throw Error(separator, $"expected ',' between requirements, found {Describe(separator)}");
        }
    }

    private void ParseRequirement()
    {
        var first = Next();
        if (first.Kind == TokenKind.Bang)
        {
            var negated = ExpectKey(Next(), "after '!' (as in '!legacy')");
            requirements.Add(LabelSelectorRequirement.DoesNotExist(negated));
            return;
        }
        var key = ExpectKey(first, "");
        var op = Peek();
        switch (op.Kind)
        {
            case TokenKind.Comma or TokenKind.End:
                requirements.Add(LabelSelectorRequirement.Exists(key));
                return;
            case TokenKind.Equals or TokenKind.DoubleEquals:
                Next();
                AddEquality(key, first, ExpectValue());
                return;
            case TokenKind.NotEquals:
                Next();
                requirements.Add(LabelSelectorRequirement.NotIn(key, ExpectValue()));
                return;
            case TokenKind.Identifier when op.Text is "in" or "notin":
                Next();
                var values = ParseValueSet(op);
                requirements.Add(op.Text == "in"
                    ? LabelSelectorRequirement.In(key, values)
                    : LabelSelectorRequirement.NotIn(key, values));
                return;
            case TokenKind.Unsupported:
                throw Error(op, $"operator '{op.Text}' is not supported for labels (use {Operators})");
            default:
                throw Error(op, $"expected {Operators}, ',' or the end after key '{key}', found {Describe(op)}");
        }
    }

    private void AddEquality(string key, Token keyToken, string value)
    {
        if (matchLabels.TryGetValue(key, out var earlier) && earlier != value)
            throw Error(keyToken, $"key '{key}' is required to equal both '{earlier}' and '{value}', which no cluster can match");
        matchLabels[key] = value;
    }

    // Like Kubernetes, an empty value is allowed after '=' and between commas in a set: "a=", "(x,)".
    private string ExpectValue()
    {
        var token = Peek();
        if (token.Kind is TokenKind.Comma or TokenKind.End)
            return "";
        Next();
        if (token.Kind != TokenKind.Identifier)
            throw Error(token, $"expected a label value, found {Describe(token)}");
        return CheckedValue(token);
    }

    private List<string> ParseValueSet(Token op)
    {
        var open = Next();
        if (open.Kind != TokenKind.OpenParen)
            throw Error(open, $"expected '(' after '{op.Text}', as in 'tier {op.Text} (a,b)', found {Describe(open)}");
        var values = new List<string>();
        var expectingValue = true;
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Identifier when expectingValue:
                    values.Add(CheckedValue(token));
                    expectingValue = false;
                    break;
                case TokenKind.Comma:
                    if (expectingValue)
                        values.Add("");
                    expectingValue = true;
                    break;
                case TokenKind.CloseParen:
                    if (expectingValue && values.Count > 0)
                        values.Add("");
                    if (values.Count == 0)
                        throw Error(token, $"'{op.Text}' needs at least one value between the parentheses");
                    return values;
                case TokenKind.End:
                    throw Error(token, $"missing ')' to close the value list opened at position {open.Position}");
                default:
                    throw Error(token, $"expected a value, ',' or ')' in the value list, found {Describe(token)}");
            }
        }
    }

    private string ExpectKey(Token token, string where)
    {
        var context = where.Length == 0 ? "" : $" {where}";
        if (token.Kind != TokenKind.Identifier)
            throw Error(token, $"expected a label key{context}, found {Describe(token)}");
        if (LabelSyntax.ValidateKey(token.Text) is { } problem)
            throw Error(token, $"label key '{token.Text}' is not valid: {problem}");
        return token.Text;
    }

    private string CheckedValue(Token token)
    {
        if (LabelSyntax.ValidateValue(token.Text) is { } problem)
            throw Error(token, $"label value '{token.Text}' is not valid: {problem}");
        return token.Text;
    }

    private Token Peek()
    {
        var saved = position;
        var token = Next();
        position = saved;
        return token;
    }

    private Token Next()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
            position++;
        var start = position;
        if (position == text.Length)
            return new Token(TokenKind.End, "", start);
        var c = text[position++];
        switch (c)
        {
            case ',':
                return new Token(TokenKind.Comma, ",", start);
            case '(':
                return new Token(TokenKind.OpenParen, "(", start);
            case ')':
                return new Token(TokenKind.CloseParen, ")", start);
            case '<' or '>':
                return new Token(TokenKind.Unsupported, c.ToString(), start);
            case '=' when Follows('='):
                return new Token(TokenKind.DoubleEquals, "==", start);
            case '=':
                return new Token(TokenKind.Equals, "=", start);
            case '!' when Follows('='):
                return new Token(TokenKind.NotEquals, "!=", start);
            case '!':
                return new Token(TokenKind.Bang, "!", start);
        }
        while (position < text.Length && !IsDelimiter(text[position]))
            position++;
        return new Token(TokenKind.Identifier, text[start..position], start);
    }

    private bool Follows(char expected)
    {
        if (position < text.Length && text[position] == expected)
        {
            position++;
            return true;
        }
        return false;
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is ',' or '(' or ')' or '=' or '!' or '<' or '>';

    private static string Describe(Token token) => token.Kind == TokenKind.End ? "the end" : $"'{token.Text}'";

    private static SyntaxException Error(Token token, string message) => new(token.Position, message);

    private enum TokenKind
    {
        Identifier,
        Comma,
        OpenParen,
        CloseParen,
        Equals,
        DoubleEquals,
        NotEquals,
        Bang,
        Unsupported,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    // Unwinds the recursive descent to TryParse; never escapes this class.
    private sealed class SyntaxException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }
}
