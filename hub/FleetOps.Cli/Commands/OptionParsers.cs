using System.CommandLine;
using System.CommandLine.Parsing;
using FleetOps.Cli.Parsing;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Commands;

/// <summary>
/// Options whose values need more than a type conversion (durations, times, percentages, phases), parsed
/// while the command line is parsed so that a bad value is a usage error (exit 2) with an example.
/// </summary>
public static class OptionParsers
{
    public static Option<TimeSpan?> Duration(string name, string description)
    {
        var option = new Option<TimeSpan?>(name)
        {
            Description = description,
            HelpName = "DURATION",
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                    return null;
                var text = result.Tokens[0].Value;
                if (DurationText.TryParse(text, out var duration))
                    return duration;
                result.AddError($"{name} '{text}' is not a duration; use for example {DurationText.Examples}");
                return null;
            },
        };
        // No DefaultValueFactory: help would print it as 00:10:00; descriptions give the default as people write it.
        return option;
    }

    public static Option<DateTimeOffset?> Time(string name, string description, CliEnvironment env) => new(name)
    {
        Description = description,
        HelpName = "TIME",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return null;
            var text = result.Tokens[0].Value;
            if (TimeExpression.TryParse(text, env.Clock.GetUtcNow(), env.TimeZone, out var time))
                return time;
            result.AddError($"{name} '{text}' is not a time; use for example {TimeExpression.Examples}");
            return null;
        },
    };

    public static Option<double?> Percent(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "PERCENT",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return null;
            var text = result.Tokens[0].Value;
            if (Percentage.TryParse(text, out var percent))
                return percent;
            result.AddError($"{name} '{text}' is not a percentage between 0 and 100, such as 95%");
            return null;
        },
    };

    public static Option<Phase?> Phase(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "PHASE",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return null;
            var text = result.Tokens[0].Value;
            if (Enum.TryParse<Phase>(text, ignoreCase: true, out var phase) && Enum.IsDefined(phase) && !int.TryParse(text, out _))
                return phase;
            result.AddError($"{name} '{text}' is not a phase; use one of {string.Join(", ", Enum.GetNames<Phase>())}");
            return null;
        },
    };

    /// <summary>A commit sha, full or abbreviated (4 to 64 hex digits), lowercased; branch names and HEAD are refused.</summary>
    public static Option<string?> Sha(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "SHA" };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (text.Length is < 4 or > 64 || !text.All(char.IsAsciiHexDigit))
                result.AddError($"{name} '{text}' is not a commit sha (4 to 64 hex digits)");
        });
        return option;
    }

    /// <summary>A whole number within bounds, with a message that names them.</summary>
    /// <summary>A journal seq: a whole number, 0 or more.</summary>
    public static Option<long?> Seq(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "SEQ",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return null;
            var text = result.Tokens[0].Value;
            if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                return n;
            result.AddError($"{name} '{text}' must be a journal seq, a whole number (the SEQ# column)");
            return null;
        },
    };

    public static Option<int?> Number(string name, string description, int min, int max) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return null;
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
                return n;
            result.AddError($"{name} '{text}' must be a whole number from {min} to {max}");
            return null;
        },
    };

    /// <summary>Adds an error when both options were given; System.CommandLine has no built-in for "one or the other".</summary>
    public static void Exclusive(this Command command, Option first, Option second) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(first) is { Implicit: false } && result.GetResult(second) is { Implicit: false })
                result.AddError($"give {first.Name} or {second.Name}, not both");
        });
}
