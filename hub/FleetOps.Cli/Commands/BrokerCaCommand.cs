using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops broker-ca &gt; ca.crt</c>: the hub's broker CA certificate as PEM, nothing else on stdout, for a store's
/// <c>FLEETOPS_BROKER_CA</c>. With <c>-o json</c>, the broker's URLs and the CA's fingerprint instead.
/// </summary>
public sealed class BrokerCaCommand : Command
{
    public BrokerCaCommand(CliRuntime runtime)
        : base("broker-ca", "Print the hub's broker CA certificate (PEM) for agents' FLEETOPS_BROKER_CA; -o json: the broker's URLs and CA fingerprint")
    {
        this.Runs(runtime, async (context, ct) =>
        {
            if (context.Json)
            {
                context.WriteJson(await context.Hub.GetBrokerAsync(ct), JsonOutput.Api.BrokerInfo);
                return ExitCodes.Ok;
            }
            string pem;
            try
            {
                pem = await context.Hub.GetBrokerCaAsync(ct);
            }
            catch (HubProblemException e) when (e.Problem.Status == 404)
            {
                throw CliException.Error(e.Problem.Text,
                    "agents verify this hub with the CA that issued its Hub:Mqtt:TlsCertificatePath (or the external broker's), not one of the hub's");
            }
            await context.Runtime.Stdout.WriteAsync(pem);
            return ExitCodes.Ok;
        });
    }
}
