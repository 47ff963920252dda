namespace FleetOps.Shared.Rendering;

/// <summary>
/// A scalar with its Kubernetes type. <see cref="Text"/> is the string itself, <c>true</c>/<c>false</c>,
/// or the JSON text of a number; <see cref="Number"/> is kept for floats, whose key form differs.
/// </summary>
internal readonly record struct ResolvedScalar(ScalarKind Kind, string Text, double Number = 0)
{
    public static readonly ResolvedScalar Null = new(ScalarKind.Null, "null");

    public static ResolvedScalar String(string text) => new(ScalarKind.String, text);

    public static ResolvedScalar Bool(bool value) => new(ScalarKind.Bool, value ? "true" : "false");
}
