using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Web.Models;

/// <summary>
/// The group page's filter, from its query string: a part of the cluster id (<see cref="Text"/>), a label selector
/// as the API takes it (<see cref="Selector"/>) and a phase. <see cref="Problem"/> says why a filter was not understood.
/// </summary>
public sealed record MemberSearch(string? Text, string? Selector, Phase? Phase, string? Problem = null)
{
    public static readonly MemberSearch None = new(null, null, null);

    public bool IsEmpty => Text is null && Selector is null && Phase is null;
}
