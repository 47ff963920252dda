using FleetOps.Shared.Api;

namespace FleetOps.Hub.Web.Models;

/// <summary>The members a group page shows: those the search matched, failing first, at most a page of them (<see cref="Shown"/>) of <see cref="Matching"/>.</summary>
public sealed record MemberList(IReadOnlyList<GroupMemberView> Shown, int Matching, int Members);
