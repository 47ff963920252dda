namespace FleetOps.Hub.Source;

/// <summary>A group's path rendered at a commit: the content digest and object count, or the renderer's error.</summary>
public sealed record RenderOutcome(string? Digest, int Objects, string? Error)
{
    public bool IsOk => Digest is not null;

    public static RenderOutcome Ok(string digest, int objects) => new(digest, objects, null);

    public static RenderOutcome Fail(string error) => new(null, 0, error);
}
