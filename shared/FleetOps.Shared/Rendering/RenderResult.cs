using System.Diagnostics.CodeAnalysis;

namespace FleetOps.Shared.Rendering;

/// <summary>Either a rendered set or the reason there is none; rendering never throws for bad input.</summary>
public readonly record struct RenderResult(RenderedSet? Set, RenderError? Error)
{
    [MemberNotNullWhen(true, nameof(Set))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Set is not null;

    public static RenderResult Ok(RenderedSet set) => new(set, null);

    public static RenderResult Fail(RenderErrorKind kind, string message) => new(null, new RenderError(kind, message));
}
