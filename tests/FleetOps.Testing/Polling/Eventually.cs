using Microsoft.Extensions.Time.Testing;

namespace FleetOps.Testing.Polling;

/// <summary>
/// Waits for a condition by polling it until it holds or a deadline passes: tests never sleep a fixed
/// time. A condition that throws counts as not yet (the last error is kept for the timeout's message),
/// except a failed assertion, which ends the wait at once. With a <see cref="FakeTimeProvider"/> to
/// advance, each poll also moves fake time on, so intervals and timeouts pass without waiting.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    /// <param name="what">Finishes "timed out waiting until ...": what should have become true.</param>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null,
        FakeTimeProvider? advance = null, TimeSpan? step = null, CancellationToken cancellationToken = default) =>
        UntilAsync(condition, () => what, timeout, advance, step, cancellationToken);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null,
        FakeTimeProvider? advance = null, TimeSpan? step = null, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), () => what, timeout, advance, step, cancellationToken);

    /// <param name="what">Asked only on timeout, so it can describe the state things were left in.</param>
    public static Task UntilAsync(Func<bool> condition, Func<string> what, TimeSpan? timeout = null,
        FakeTimeProvider? advance = null, TimeSpan? step = null, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, advance, step, cancellationToken);

    /// <param name="what">Asked only on timeout, so it can describe the state things were left in.</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null,
        FakeTimeProvider? advance = null, TimeSpan? step = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        var pause = FirstPause;
        Exception? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await condition())
                    return;
                last = null;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException && !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"timed out after {limit} waiting until {what()}" + (last is null ? "" : $" (last error: {last.Message})"), last);
            advance?.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(pause, cancellationToken);
            // Backing off spares a busy machine; while fake time moves with every poll, the pace stays even.
            if (advance is null)
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>
    /// Gives <paramref name="task"/> up to <paramref name="limit"/> to complete, and says whether it did: for a test that
    /// lets code misbehave if it would (complete too early), and then checks the consequences, not the timing.
    /// </summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await UntilAsync(() => task.IsCompleted, "the task completed", limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="probe"/> until its value satisfies <paramref name="accept"/>, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        T value = default!;
        await UntilAsync(async () => accept(value = await probe()), what, timeout);
        return value;
    }

    /// <summary>The agent tests' name for <see cref="UntilAsync(Func{bool}, string, TimeSpan?, FakeTimeProvider?, TimeSpan?, CancellationToken)"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null, FakeTimeProvider? advance = null, TimeSpan? step = null) =>
        UntilAsync(condition, because, timeout, advance, step);

    /// <summary>The agent tests' name for <see cref="UntilAsync(Func{Task{bool}}, string, TimeSpan?, FakeTimeProvider?, TimeSpan?, CancellationToken)"/>.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null, FakeTimeProvider? advance = null, TimeSpan? step = null) =>
        UntilAsync(condition, because, timeout, advance, step);
}
