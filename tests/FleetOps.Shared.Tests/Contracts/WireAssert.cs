using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Tests.Contracts;

internal static class WireAssert
{
    public static void Refused<T>(ParseResult<T> result, WireErrorCode code, string? mentions = null) where T : class
    {
        Assert.False(result.IsOk, "payload was accepted but should have been refused");
        Assert.Equal(code, result.Error.Code);
        if (mentions is not null)
            Assert.Contains(mentions, result.Error.Message);
    }
}
