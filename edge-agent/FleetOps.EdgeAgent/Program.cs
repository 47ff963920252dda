using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
try
{
    builder.AddFleetOpsAgent(args);
    AgentOptionsValidator.ThrowIfInvalid(AgentConfiguration.Read(builder.Configuration));
    await builder.Build().RunAsync();
    return 0;
}
catch (AgentOptionsException e)
{
    // A configuration mistake gets its explanation, not a stack trace.
    Console.Error.WriteLine(e.Message);
    return 2;
}
