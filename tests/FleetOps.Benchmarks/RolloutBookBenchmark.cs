using System.Diagnostics;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;

namespace FleetOps.Benchmarks;

/// <summary>
/// The cost of rollout bookkeeping per member report, at several group sizes: a whole canary + 3-wave rollout
/// (maxConcurrent 100, no bake) driven by the reports members would send, the book and rules doing on each
/// report what the group grain does. If a report scanned the group, the cost would grow with the members.
/// </summary>
public static class RolloutBookBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var a = new BenchmarkArgs(args);
        var largest = a.Int("members", 10_000);
        Run(1_000);
        foreach (var members in new[] { 1_000, 5_000, largest }.Distinct().Where(m => m <= largest))
        {
            var (reports, elapsed) = Run(members);
            Console.WriteLine($"rollout-book: members={members} reports={reports} total_ms={elapsed.TotalMilliseconds:0} ns_per_report={elapsed.TotalNanoseconds / reports:0}");
        }
        Console.WriteLine("command: dotnet run -c Release --project tests/FleetOps.Benchmarks -- rollout-book --members 10000");
        return Task.FromResult(0);
    }

    private static (int Reports, TimeSpan Elapsed) Run(int members)
    {
        var target = new TargetRef(new string('b', 40), "apps/pos", "sha256:new", 2);
        var policy = new RolloutPolicy
        {
            Canary = new CanaryPolicy(null, Amount.OfPercent(1), TimeSpan.Zero),
            Waves = [10, 50, 100],
            MaxConcurrent = Amount.OfCount(100),
            FailureBudget = Amount.OfPercent(2),
        };
        var rollout = new RolloutRecord { Target = target, Policy = policy, StartedAt = DateTimeOffset.UtcNow };
        var book = new RolloutBook(target, canarySelector: null);
        long stamp = 0;
        var ids = Enumerable.Range(0, members).Select(i => $"store-{i:D5}").ToList();
        foreach (var id in ids)
            book.Apply(new MemberReport(id, "pos", Phase.Converged, "old", "old", ++stamp));

        var reports = 0;
        var started = Stopwatch.GetTimestamp();
        var applying = new Queue<(string Id, int Wave)>();
        while (rollout.Phase == Shared.Api.RolloutPhase.Progressing)
        {
            var step = RolloutRules.Evaluate(rollout, book, DateTimeOffset.UtcNow);
            foreach (var (id, wave) in step.Releases)
            {
                // The cluster takes its release (one report), then converges (another), each followed by an evaluation as in the grain.
                book.Apply(new MemberReport(id, "pos", Phase.Progressing, target.Revision, "old", ++stamp, ReleasedSeq: target.Seq, ReleasedWave: wave));
                book.Settle(id, released: true);
                reports++;
                applying.Enqueue((id, wave));
            }
            if (applying.Count == 0 && step.Releases.Count == 0 && !step.Changed)
                break;
            if (applying.TryDequeue(out var done))
            {
                book.Apply(new MemberReport(done.Id, "pos", Phase.Converged, target.Revision, target.Revision, ++stamp, ReleasedSeq: target.Seq, ReleasedWave: done.Wave));
                reports++;
            }
        }
        if (rollout.Phase != Shared.Api.RolloutPhase.Completed)
            throw new InvalidOperationException($"the rollout ended {rollout.Phase} at wave {rollout.Wave}");
        return (reports, Stopwatch.GetElapsedTime(started));
    }
}
