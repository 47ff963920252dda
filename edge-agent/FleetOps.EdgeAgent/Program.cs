using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
try
{
    builder.AddFleetOpsAgent(args);
    AgentOptionsValidator.ThrowIfInvalid(AgentConfiguration.Read(builder.Configuration));
}
catch (AgentOptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
await builder.Build().RunAsync();
return 0;
