// The CLI is filled in by its own issue.
Console.Error.WriteLine("fleetops: no commands yet");
return 2;
