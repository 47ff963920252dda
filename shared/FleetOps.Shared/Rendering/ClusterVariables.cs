namespace FleetOps.Shared.Rendering;

/// <summary>
/// The agent's last render step: fill in what differs per cluster. Only string values are touched,
/// never keys and never the YAML text, so a label value cannot inject structure; <c>${OTHER}</c> without
/// the <c>cluster.</c> prefix is left alone (it may belong to a shell script in a ConfigMap).
/// </summary>
public static class ClusterVariables
{
    /// <summary>
    /// A new set with every <c>${cluster.id}</c>, <c>${cluster.labels.KEY}</c> and
    /// <c>${cluster.labels.KEY:=default}</c> replaced and <c>$${cluster...}</c> unescaped; the input set is
    /// unchanged. One undefined or unknown variable fails the whole set, naming the object and field.
    /// </summary>
    public static RenderResult Substitute(RenderedSet set, string clusterId, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(labels);

        var expander = new VariableExpander(clusterId, labels);
        var problems = new ProblemList();
        var documents = new List<ManifestDocument>(set.Objects.Length);
        var changed = false;
        foreach (var o in set.Objects)
        {
            if (!VariableExpander.MayReference(o.Content))
            {
                documents.Add(new ManifestDocument(o.Content, o.Source, null));
                continue;
            }
            if (expander.Expand(o, problems) is { } content)
                documents.Add(new ManifestDocument(content, o.Source, null));
            changed = true;
        }
        if (problems.Any)
            return problems.ToResult();
        if (!changed)
            return RenderResult.Ok(set);

        // A name or namespace may hold a variable, so identities are checked again, duplicates included.
        var objects = ObjectRules.Collect(documents, problems);
        return problems.Any ? problems.ToResult() : RenderResult.Ok(new RenderedSet(set.Path, set.Mode, objects));
    }
}
