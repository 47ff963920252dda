using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Selectors;

public sealed class LabelSyntaxTests
{
    [Theory]
    [InlineData("region")]
    [InlineData("Region")]
    [InlineData("store_id")]
    [InlineData("store.id")]
    [InlineData("a")]
    [InlineData("9")]
    [InlineData("fleetops.io/ring")]
    [InlineData("kubernetes.io/hostname")]
    [InlineData("a-b.c/D_e.F")]
    public void ValidLabelKeysAreAccepted(string key) => Assert.Null(LabelSyntax.ValidateKey(key));

    [Fact]
    public void KeyNamesOfSixtyThreeCharactersAreAccepted() =>
        Assert.True(LabelSyntax.IsValidKey(new string('a', 63)));

    [Fact]
    public void KeyPrefixesOfTwoHundredFiftyThreeCharactersAreAccepted() =>
        Assert.True(LabelSyntax.IsValidKey($"{string.Join('.', Enumerable.Repeat(new string('p', 49), 5))}.abc/name"));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("-region", "must start and end with a letter or digit")]
    [InlineData("region_", "must start and end with a letter or digit")]
    [InlineData("re gion", "may contain only letters, digits, '-', '_' and '.'")]
    [InlineData("région", "may contain only letters, digits, '-', '_' and '.'")]
    [InlineData("a/b/c", "at most one '/'")]
    [InlineData("/name", "prefix '' must not be empty")]
    [InlineData("example.com/", "name after '/' must not be empty")]
    [InlineData("Example.com/name", "prefix 'Example.com' may contain only lowercase letters")]
    [InlineData("example..com/name", "prefix 'example..com' must start and end with a lowercase letter or digit")]
    [InlineData("-example.com/name", "prefix '-example.com' must start and end")]
    [InlineData("example.com/-name", "name after '/' must start and end")]
    public void InvalidLabelKeysAreRejectedWithTheRuleTheyBreak(string key, string problem) =>
        Assert.Contains(problem, LabelSyntax.ValidateKey(key));

    [Fact]
    public void KeyNamesLongerThanSixtyThreeCharactersAreRejected() =>
        Assert.Contains("63 characters or fewer", LabelSyntax.ValidateKey(new string('a', 64)));

    [Fact]
    public void KeyPrefixesLongerThanTwoHundredFiftyThreeCharactersAreRejected() =>
        Assert.Contains("253 characters or fewer", LabelSyntax.ValidateKey($"{new string('p', 254)}/name"));

    [Theory]
    [InlineData("")]
    [InlineData("east")]
    [InlineData("East-1")]
    [InlineData("v1.2.3")]
    [InlineData("a_b")]
    [InlineData("1")]
    public void ValidLabelValuesAreAccepted(string value) => Assert.True(LabelSyntax.IsValidValue(value));

    [Fact]
    public void LabelValuesOfSixtyThreeCharactersAreAccepted() =>
        Assert.True(LabelSyntax.IsValidValue(new string('v', 63)));

    [Theory]
    [InlineData("-east", "must start and end with a letter or digit")]
    [InlineData("east.", "must start and end with a letter or digit")]
    [InlineData("east/west", "may contain only letters, digits, '-', '_' and '.'")]
    [InlineData("a b", "may contain only letters, digits, '-', '_' and '.'")]
    public void InvalidLabelValuesAreRejectedWithTheRuleTheyBreak(string value, string problem) =>
        Assert.Contains(problem, LabelSyntax.ValidateValue(value));

    [Fact]
    public void LabelValuesLongerThanSixtyThreeCharactersAreRejected() =>
        Assert.Contains("63 characters or fewer", LabelSyntax.ValidateValue(new string('v', 64)));

    [Theory]
    [InlineData("pos-east")]
    [InlineData("a")]
    [InlineData("0platform")]
    [InlineData("platform-2")]
    public void ValidDnsLabelsAreAccepted(string name) => Assert.True(DnsNames.IsLabel(name));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("Pos-East", "only lowercase letters, digits and '-'")]
    [InlineData("pos_east", "only lowercase letters, digits and '-'")]
    [InlineData("pos.east", "only lowercase letters, digits and '-'")]
    [InlineData("-pos", "must start and end")]
    [InlineData("pos-", "must start and end")]
    public void InvalidDnsLabelsAreRejectedWithTheRuleTheyBreak(string name, string problem) =>
        Assert.Contains(problem, DnsNames.ValidateLabel(name));

    [Fact]
    public void DnsLabelsLongerThanSixtyThreeCharactersAreRejected()
    {
        Assert.True(DnsNames.IsLabel(new string('a', 63)));
        Assert.Contains("63 characters or fewer", DnsNames.ValidateLabel(new string('a', 64)));
    }
}
