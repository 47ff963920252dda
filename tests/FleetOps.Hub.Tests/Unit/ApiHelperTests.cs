using FleetOps.Hub.Api;
using FleetOps.Hub.Security;

namespace FleetOps.Hub.Tests.Unit;

public sealed class ApiHelperTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:10:00", 600)]
    public void DurationsReadAsOperatorsTypeThem(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5m")]
    [InlineData("")]
    public void NonsenseIsNotADuration(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public void TokensAreRandomAndOnlyTheirHashIsCompared()
    {
        var token = Tokens.New();
        Assert.NotEqual(token, Tokens.New());
        Assert.True(Tokens.Matches(Tokens.Hash(token), token));
        Assert.False(Tokens.Matches(Tokens.Hash(token), token + "x"));
        Assert.False(Tokens.Matches(Tokens.Hash(token), null));
        Assert.Equal(64, Tokens.Hash(token).Length);
    }
}
