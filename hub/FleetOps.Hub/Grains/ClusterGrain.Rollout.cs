using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

internal sealed partial class ClusterGrain
{
    /// <summary>
    /// Keeps the release (only a newer one replaces what it holds), works out and publishes its desired state
    /// at once, and answers with its member report so the group counts it from this moment.
    /// </summary>
    public async Task<MemberReport?> ReleaseAsync(string group, Release release)
    {
        if (!S.Registered || !S.Memberships.Contains(group))
            return null;
        if (!S.Releases.TryGetValue(group, out var held) || held.Target.Seq < release.Target.Seq)
        {
            S.Releases[group] = release;
            S.Notes.Remove(group);
            await ReconcileDesiredAsync(await Fleet.GetSnapshotAsync(), republish: false, forceWrite: true);
        }
        return ReportTo(group);
    }

    public async Task<MemberReport?> WithdrawAsync(string group, string note)
    {
        if (!S.Registered || !S.Memberships.Contains(group))
            return null;
        if (S.Releases.Remove(group))
        {
            S.Notes[group] = note.Length > DesiredGroup.MaxNote ? note[..DesiredGroup.MaxNote] : note;
            await ReconcileDesiredAsync(await Fleet.GetSnapshotAsync(), republish: false, forceWrite: true);
        }
        return ReportTo(group);
    }

    public async Task<PinOutcome> PinAsync(string group, TargetRef? target)
    {
        if (!S.Registered)
            return PinOutcome.NotRegistered;
        if (target is null)
        {
            if (!S.Pins.Remove(group))
                return PinOutcome.NotPinned;
        }
        else
        {
            // A pin holds a member at a revision; outside the group there is nothing to hold.
            if (!S.Memberships.Contains(group))
                return PinOutcome.NotMember;
            if (Equals(S.Pins.GetValueOrDefault(group), target))
                return PinOutcome.Done;
            S.Pins[group] = target;
        }
        await ReconcileDesiredAsync(await Fleet.GetSnapshotAsync(), republish: false, forceWrite: true);
        Report(force: false);
        return PinOutcome.Done;
    }

    /// <summary>The member report for one group, newly stamped; the others go out as usual.</summary>
    private MemberReport ReportTo(string group)
    {
        Report(force: false);
        return lastMembers.TryGetValue(group, out var sent) ? sent : Member(group) with { Stamp = NextStamp() };
    }
}
