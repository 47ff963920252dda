using Microsoft.Extensions.Time.Testing;

namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>
/// Waits for a condition by polling it until a deadline: tests never sleep a fixed time. With a
/// <see cref="FakeTimeProvider"/>, each poll also moves fake time on, so intervals and timeouts pass
/// without waiting.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null, FakeTimeProvider? advance = null, TimeSpan? step = null) =>
        await TrueAsync(() => Task.FromResult(condition()), because, timeout, advance, step);

    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null, FakeTimeProvider? advance = null, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                    return;
                last = null;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }
            advance?.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"Timed out waiting until {because}" + (last is null ? "" : $" (last error: {last.Message})"));
    }
}
