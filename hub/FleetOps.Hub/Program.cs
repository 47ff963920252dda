using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage.Postgres;

// fleetops-hub: Orleans silo, embedded MQTT broker, git watcher and HTTP API in one process.
// Configuration: appsettings.json beside the binary, Hub__* environment variables or --Hub:* switches
// (see README.md). The content root is the binary's folder so appsettings.json is found from any
// working directory; relative paths such as the data dir stay relative to the working directory.
// `fleetops-hub --init-database` migrates the PostgreSQL schema and exits.
var initDatabase = args.Contains(InitDatabaseCommand.Switch);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args.Where(a => a != InitDatabaseCommand.Switch)], ContentRootPath = AppContext.BaseDirectory });
if (initDatabase)
    return await InitDatabaseCommand.RunAsync(builder.Configuration, Console.Out, Console.Error);
builder.AddFleetOpsHub();

var app = builder.Build();
app.UseFleetOpsHub();
try
{
    await app.RunAsync();
    return 0;
}
catch (DatabaseSchemaException e)
{
    await Console.Error.WriteLineAsync($"fleetops-hub: {e.Message}");
    return 2;
}
