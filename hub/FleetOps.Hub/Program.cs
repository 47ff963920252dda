// The hub is filled in by its own issue; this shell only proves the solution builds and runs.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("ok"));
app.Run();
