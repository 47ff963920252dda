namespace FleetOps.Shared.Fleet;

/// <summary>A place in a file; <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}";
}
