using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// Store-local hours in which a group may move to a NEW revision: windows open on <see cref="Days"/>
/// ("mon".."sun") at <see cref="Start"/> and close at <see cref="End"/> (both "HH:mm"; an end before the
/// start closes the next day). <see cref="TimeZone"/> is an IANA id or "UTC"; the agent evaluates the
/// window on its own clock with <see cref="Scheduling.StoreHours"/>.
/// </summary>
public sealed record DesiredWindow(IReadOnlyList<string> Days, string Start, string End, string TimeZone)
{
    public IReadOnlyList<string> Days { get; init => field = ValueList<string>.From(value); } = ValueList<string>.From(Days);
}
