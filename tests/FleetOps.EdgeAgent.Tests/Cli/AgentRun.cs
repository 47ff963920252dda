using FleetOps.EdgeAgent.Cli;

namespace FleetOps.EdgeAgent.Tests.Cli;

/// <summary>The agent's entry point run in-process: exit code and both streams, with an environment of the test's choosing.</summary>
internal sealed record AgentRun(int ExitCode, string Out, string Err)
{
    public static async Task<AgentRun> RunAsync(string[] args, Dictionary<string, string?>? environment = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AgentCommandLine.RunAsync(args, stdout, stderr, environment ?? []);
        return new AgentRun(code, stdout.ToString(), stderr.ToString());
    }
}
