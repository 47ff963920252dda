using FleetOps.Hub.Hosting;

// fleetops-hub: Orleans silo, embedded MQTT broker, git watcher and HTTP API in one process.
// Configuration: appsettings.json beside the binary, Hub__* environment variables or --Hub:* switches
// (see README.md). The content root is the binary's folder so appsettings.json is found from any
// working directory; relative paths such as the data dir stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddFleetOpsHub();

var app = builder.Build();
app.UseFleetOpsHub();
app.Run();
