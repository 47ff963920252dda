namespace FleetOps.Shared.Selectors;

/// <summary>Why a selector string could not be parsed; <see cref="Position"/> is the 0-based character offset.</summary>
public sealed record LabelSelectorSyntaxError(string Text, int Position, string Message)
{
    public override string ToString() => $"selector '{Text}': {Message} (at position {Position})";
}
