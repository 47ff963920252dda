using System.Globalization;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads <c>rollout.waves</c>: cumulative shares of the non-canary members, written as percentages,
/// strictly increasing and ending at 100%.
/// </summary>
internal static class WavesReader
{
    private const string Example = "as in [10%, 50%, 100%]";

    public static IReadOnlyList<double>? Read(MappingEntry entry, ErrorScope scope)
    {
        switch (entry.Value)
        {
            case ScalarNode { IsNull: true }:
                scope.Report(FleetYamlErrorCode.WavesIncomplete, entry.Key,
                    $"waves has no value (list cumulative shares ending in 100%, {Example}, or remove it for a single wave)");
                return null;
            case not SequenceNode:
                scope.Report(FleetYamlErrorCode.WavesNotAList, entry.Value,
                    $"waves must be a list of cumulative shares ending in 100%, {Example}, not {entry.Value.Describe()}");
                return null;
        }
        var list = (SequenceNode)entry.Value;
        if (list.Items.Count == 0)
        {
            scope.Report(FleetYamlErrorCode.WavesIncomplete, list,
                $"waves is empty (list cumulative shares ending in 100%, {Example}, or remove it for a single wave)");
            return null;
        }
        var wavesScope = scope.Field("waves");
        var waves = new List<double>();
        for (var index = 0; index < list.Items.Count; index++)
        {
            if (ReadWave(list.Items[index], wavesScope.Item(index)) is { } wave)
                waves.Add(wave);
        }
        if (waves.Count < list.Items.Count)
            return null;
        return CheckOrder(waves, list, wavesScope) ? waves : null;
    }

    private static double? ReadWave(YamlNode item, ErrorScope scope)
    {
        if (item is ScalarNode { IsNull: false } scalar && QuantityReader.ParsePercent(scalar.Value) is { } wave
            && QuantityReader.InRange(wave, allowZero: false))
            return wave;
        var message = item is ScalarNode { Kind: ScalarKind.Number } number && QuantityReader.ParsePercent(number.Value, bareNumber: true) is not null
            ? $"the number {number.Value} is not a share (write it as a percentage: {number.Value}%)"
            : $"{item.Describe()} is not a share {QuantityReader.Range(allowZero: false)} (write a percentage, as in 25% or 0.5%)";
        scope.Report(FleetYamlErrorCode.WaveInvalid, item, message);
        return null;
    }

    private static bool CheckOrder(List<double> waves, SequenceNode list, ErrorScope scope)
    {
        for (var index = 1; index < waves.Count; index++)
        {
            if (waves[index] <= waves[index - 1])
            {
                scope.Item(index).Report(FleetYamlErrorCode.WavesNotIncreasing, list.Items[index],
                    $"{Percent(waves[index])} is not more than the wave before it ({Percent(waves[index - 1])}); each wave is the share reached so far, so list them in increasing order, {Example}");
                return false;
            }
        }
        if (waves[^1] != 100)
        {
            scope.Report(FleetYamlErrorCode.WavesIncomplete, list.Items[^1],
                $"the last wave must be 100% so that every member is reached, not {Percent(waves[^1])} (add 100% at the end)");
            return false;
        }
        return true;
    }

    private static string Percent(double percent) => percent.ToString(CultureInfo.InvariantCulture) + "%";
}
