namespace FleetOps.Shared.Rendering;

/// <summary>
/// Collects every problem of a render rather than stopping at the first, so one failed rollout shows
/// everything to fix; the error keeps the kind of the first problem.
/// </summary>
internal sealed class ProblemList
{
    public const int MaxShown = 20;

    private readonly List<string> problems = [];
    private RenderErrorKind kind;

    public bool Any => problems.Count > 0;

    public void Add(RenderErrorKind problemKind, string message)
    {
        if (problems.Count == 0)
            kind = problemKind;
        problems.Add(message);
    }

    public RenderError ToError()
    {
        var shown = problems.Take(MaxShown).ToList();
        if (problems.Count > MaxShown)
            shown.Add($"... and {problems.Count - MaxShown} more problems");
        return new RenderError(kind, string.Join('\n', shown));
    }

    public RenderResult ToResult() => new(null, ToError());
}
