using FleetOps.Shared.Fleet;

namespace FleetOps.Hub.Definitions;

/// <summary>fleet.yaml through the shared parser; the hub keeps each selector in its canonical string form.</summary>
public sealed class SharedFleetDefinitionReader : IFleetDefinitionReader
{
    public DefinitionResult Parse(string yaml, string fileName)
    {
        var parsed = FleetYamlParser.Parse(yaml, fileName);
        if (!parsed.Succeeded)
        {
            var first = parsed.Errors[0];
            // The parser finds every error at once; operators fix them all before the next commit.
            return DefinitionResult.Fail(new DefinitionError(first.File, first.Line, string.Join("; ", parsed.Errors.Select(e => e.ToString()))));
        }
        return DefinitionResult.Ok(parsed.Definition.Groups
            .Select(g => new GroupDefinition(g.Name, g.Path, g.Selector.ToString(), g.Source.Path.Line > 0 ? g.Source.Path.Line : null))
            .ToList());
    }

    public string? Suggest(string wanted, IEnumerable<string> candidates) => DidYouMean.Nearest(wanted, candidates);
}
