using System.CommandLine;
using FleetOps.Simulator.Demo;

// fleetops-sim: simulated stores against a FleetOps hub. `demo` is the one-command demo in README.md.
var stores = new Option<int>("--stores") { Description = "How many simulated stores", DefaultValueFactory = _ => 20 };
var dir = new Option<string>("--dir") { Description = "Folder for the fleet-config working copy and all state", DefaultValueFactory = _ => ".demo" };
var port = new Option<int>("--port") { Description = "Hub HTTP API port", DefaultValueFactory = _ => 5000 };
var mqttPort = new Option<int>("--mqtt-port") { Description = "Embedded MQTT broker's plain port, on 127.0.0.1 only", DefaultValueFactory = _ => 1883 };
var tlsPort = new Option<int>("--tls-port") { Description = "Embedded MQTT broker's TLS port, which the stores use", DefaultValueFactory = _ => 8883 };
var fleetConfig = new Option<string?>("--fleet-config") { Description = "fleet-config folder to copy on first run (default: the bundled one)" };
var healthTimeout = new Option<TimeSpan>("--health-timeout")
{
    Description = "How long stores wait for their objects to become healthy, e.g. 00:00:15 to see a failing canary halt a rollout in seconds",
    DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
};

var demo = new Command("demo", "Start a hub on embedded defaults and simulated stores tracking a fleet-config working copy")
{
    stores, dir, port, mqttPort, tlsPort, fleetConfig, healthTimeout,
};
demo.SetAction((parse, stop) => new DemoRunner(new DemoOptions
{
    Stores = parse.GetValue(stores),
    Directory = parse.GetValue(dir)!,
    HttpPort = parse.GetValue(port),
    MqttPort = parse.GetValue(mqttPort),
    TlsPort = parse.GetValue(tlsPort),
    FleetConfigSource = parse.GetValue(fleetConfig),
    HealthTimeout = parse.GetValue(healthTimeout),
}, Console.Out).RunAsync(stop));

var root = new RootCommand("FleetOps simulator: many edge agents with emulated clusters in one process") { demo };
return await root.Parse(args).InvokeAsync();
