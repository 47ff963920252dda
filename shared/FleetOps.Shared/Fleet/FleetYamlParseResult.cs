using System.Diagnostics.CodeAnalysis;

namespace FleetOps.Shared.Fleet;

/// <summary>Either a valid <see cref="FleetDefinition"/> or every error found; never both.</summary>
public sealed class FleetYamlParseResult
{
    private FleetYamlParseResult(FleetDefinition? definition, IReadOnlyList<FleetYamlError> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    public FleetDefinition? Definition { get; }

    /// <summary>All errors, ordered by line then column.</summary>
    public IReadOnlyList<FleetYamlError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Definition))]
    public bool Succeeded => Definition is not null;

    public static FleetYamlParseResult Success(FleetDefinition definition) => new(definition, []);

    public static FleetYamlParseResult Failure(IEnumerable<FleetYamlError> errors)
    {
        var sorted = errors.OrderBy(error => error.Line).ThenBy(error => error.Column).ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("A failed parse needs at least one error.", nameof(errors));
        return new(null, sorted);
    }

    /// <summary>
    /// Adds errors found after parsing (such as missing paths). A fleet.yaml is rejected as a whole,
    /// so any added error turns the result into a failure carrying all errors.
    /// </summary>
    public FleetYamlParseResult WithErrors(IEnumerable<FleetYamlError> more)
    {
        var added = more.ToArray();
        return added.Length == 0 ? this : Failure(Errors.Concat(added));
    }

    public override string ToString() =>
        Succeeded ? $"{Definition.Groups.Count} group(s)" : string.Join(Environment.NewLine, Errors);
}
