// The agent is filled in by its own issue; this shell only proves the solution builds and runs.
var builder = Host.CreateApplicationBuilder(args);
builder.Build().Run();
