using FleetOps.Shared.Api;

namespace FleetOps.Hub.Web.Models;

/// <summary>
/// One page of a cluster's journal, newest first. <see cref="Older"/> and <see cref="Newer"/> are the <c>before</c>
/// values (journal seqs) of the neighbouring pages, null where there is none.
/// </summary>
public sealed record JournalPage(IReadOnlyList<EventView> Events, long? Older, long? Newer);
