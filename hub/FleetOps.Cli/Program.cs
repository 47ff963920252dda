using FleetOps.Cli;

// fleetops: the operators' CLI over the hub's HTTP API. Everything lives in CliApp so tests run it in-process.
return await CliApp.RunAsync(args, Console.Out, Console.Error, CliEnvironment.FromProcess());
