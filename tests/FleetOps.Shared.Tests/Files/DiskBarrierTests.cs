using FleetOps.Shared.Files;

namespace FleetOps.Shared.Tests.Files;

public sealed class DiskBarrierTests
{
    [Fact]
    public void ACallThatNeverReturnsFailsAsAFailedWriteAfterTheLimitAndLaterCallsFailAtOnceWhileItIsStuck()
    {
        using var disk = new ManualResetEventSlim();
        var barrier = new DiskBarrier(TimeSpan.FromMilliseconds(200));
        var calls = 0;

        var first = Assert.Throws<IOException>(() => barrier.Run(() => disk.Wait(), "the journal"));
        var second = Assert.Throws<IOException>(() => barrier.Run(() => calls++, "the journal"));

        Assert.Equal("the disk did not take the journal within 0.2 s", first.Message);
        Assert.Contains("has not taken an earlier write", second.Message);
        Assert.Equal(0, calls);
        disk.Set();
    }

    [Fact]
    public void ACallsOwnErrorComesThroughAndAFinishedCallLetsTheNextOneRun()
    {
        var barrier = new DiskBarrier(TimeSpan.FromSeconds(30));
        var calls = 0;

        var error = Assert.Throws<IOException>(() => barrier.Run(() => throw new IOException("No space left on device"), "the journal"));
        barrier.Run(() => calls++, "the journal");

        Assert.Equal("No space left on device", error.Message);
        Assert.Equal(1, calls);
    }
}
