namespace FleetOps.Hub.Definitions;

/// <summary>Why fleet.yaml was refused, pointing at the file and line when the parser knows it.</summary>
public sealed record DefinitionError(string File, int? Line, string Message)
{
    public override string ToString() => Line is null ? $"{File}: {Message}" : $"{File}:{Line}: {Message}";
}
