namespace FleetOps.Shared.Rendering;

/// <summary>
/// A failed render or substitution. <see cref="Message"/> holds one problem per line, each naming its file
/// and line or its object, so it can go as is into a status message or a CLI error.
/// </summary>
public sealed record RenderError(RenderErrorKind Kind, string Message)
{
    public override string ToString() => $"{Kind}: {Message}";
}
