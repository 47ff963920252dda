using FleetOps.Hub.Hosting;

// fleetops-hub: Orleans silo, embedded MQTT broker, git watcher and HTTP API in one process.
// Configuration: appsettings.json, Hub__* environment variables or --Hub:* switches; see README.md.
var builder = WebApplication.CreateBuilder(args);
builder.AddFleetOpsHub();

var app = builder.Build();
app.UseFleetOpsHub();
app.Run();
