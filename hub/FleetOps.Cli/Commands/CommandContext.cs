using System.CommandLine;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Cli.Client;
using FleetOps.Cli.Configuration;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// What a command's action works with: the parsed values, the hub client (made on first use, so that
/// a usage error never needs a config file), and standard output as a <see cref="Screen"/> or JSON.
/// </summary>
public sealed class CommandContext(ParseResult parse, CliRuntime runtime) : IDisposable
{
    private HubClient? hub;
    private Screen? screen;

    public ParseResult Parse => parse;

    public CliRuntime Runtime => runtime;

    public CliEnvironment Env => runtime.Env;

    public OutputFormat Format => parse.GetValue(runtime.Options.Output);

    public bool Wide => Format == OutputFormat.Wide;

    public bool Json => Format == OutputFormat.Json;

    public HubClient Hub => hub ??= HubClient.Create(
        ConnectionResolver.Resolve(parse.GetValue(runtime.Options.Hub), parse.GetValue(runtime.Options.Config), runtime.Env),
        runtime.Env.RequestTimeout);

    public Screen Screen => screen ??= Screen.Create(runtime.Stdout, runtime.Env, Wide);

    public T Value<T>(Option<T> option) => parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => parse.GetValue(argument)!;

    public void WriteJson<T>(T value, JsonTypeInfo<T> type) => JsonOutput.Write(runtime.Stdout, value, type);

    public void Flush()
    {
        screen?.Flush();
        runtime.Stdout.Flush();
    }

    public void Dispose() => hub?.Dispose();
}
