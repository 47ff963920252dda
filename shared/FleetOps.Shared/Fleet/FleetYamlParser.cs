using FleetOps.Shared.Fleet.Parsing;
using YamlDotNet.Core;

namespace FleetOps.Shared.Fleet;

/// <summary>
/// Reads fleet.yaml. Reports every error it can find, each at its line with a message that says
/// what to do, because a fleet.yaml is rejected as a whole and fixing one error per commit is slow.
/// </summary>
public static class FleetYamlParser
{
    public const string DefaultFileName = "fleet.yaml";

    public static FleetYamlParseResult Parse(string yaml, string fileName = DefaultFileName)
    {
        var diagnostics = new Diagnostics(fileName);
        var definition = ReadDocument(yaml, diagnostics);
        return definition is not null && !diagnostics.HasErrors
            ? FleetYamlParseResult.Success(definition)
            : FleetYamlParseResult.Failure(diagnostics.Errors);
    }

    private static FleetDefinition? ReadDocument(string yaml, Diagnostics diagnostics)
    {
        IReadOnlyList<YamlDocument> documents;
        try
        {
            documents = YamlTreeLoader.LoadDocuments(yaml);
        }
        catch (YamlException e)
        {
            var (line, column) = YamlTreeLoader.Position(e.Start);
            diagnostics.Add(FleetYamlErrorCode.YamlSyntax, Math.Max(line, 1), Math.Max(column, 1), null,
                $"YAML syntax error: {Sentence(e.Message)} (check the indentation and quoting here and on the line before)");
            return null;
        }
        // A trailing '---' leaves an empty document behind; only content counts.
        var withContent = documents.Where(document => document.Root is not ScalarNode { IsNull: true }).ToList();
        if (withContent.Count == 0)
        {
            diagnostics.Add(FleetYamlErrorCode.EmptyDocument, 1, 1, null,
                $"{diagnostics.File} is empty (start with 'apiVersion: {FleetDefinition.SupportedApiVersion}' and a 'groups:' list)");
            return null;
        }
        var scope = ErrorScope.Root(diagnostics);
        if (withContent.Count > 1)
            diagnostics.Add(FleetYamlErrorCode.MultipleDocuments, withContent[1].Line, withContent[1].Column, null,
                $"{diagnostics.File} holds one YAML document, but a second one starts here (remove the '---' and merge them)");
        return FleetReader.Read(withContent[0].Root, scope);
    }

    // YamlDotNet writes "While parsing a block mapping, did not find expected key."
    private static string Sentence(string message)
    {
        var trimmed = message.Trim().TrimEnd('.');
        return trimmed.Length == 0 ? "unreadable YAML" : char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
    }
}
