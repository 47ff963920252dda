// Benchmarks are added by the issues that measure something; each prints its figures and the command to rerun it.
Console.Error.WriteLine("usage: fleetops-bench <benchmark> [options]  (no benchmarks yet)");
return 2;
