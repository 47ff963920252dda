namespace FleetOps.Shared.Rendering;

/// <summary>Splits a YAML stream into documents and converts each to JSON; problems are collected, never thrown.</summary>
internal static class ManifestReader
{
    /// <param name="file">Path relative to the repository root, used in messages.</param>
    /// <param name="withLines">False for kustomize output, whose lines mean nothing to the author.</param>
    public static void Read(string text, string file, bool withLines, List<ManifestDocument> into, ProblemList problems)
    {
        List<ManifestNode?> roots;
        try
        {
            roots = YamlComposer.Compose(text);
        }
        catch (ManifestException e)
        {
            problems.Add(RenderErrorKind.InvalidYaml, $"{Locate(file, e.Line, withLines)}: {e.Message}");
            return;
        }

        for (var index = 0; index < roots.Count; index++)
        {
            if (roots[index] is not { } root)
                continue;
            var source = new ObjectSource(file, index, withLines ? root.Line : null);
            try
            {
                into.Add(new ManifestDocument(ManifestJson.Convert(root), source, root));
            }
            catch (ManifestException e)
            {
                problems.Add(RenderErrorKind.InvalidYaml, $"{Locate(file, e.Line, withLines)}: {e.Message}");
            }
        }
    }

    private static string Locate(string file, int line, bool withLines) =>
        withLines ? $"{file}:{line}" : $"{file} (output line {line})";
}
