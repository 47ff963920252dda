using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Source;

/// <summary>
/// Says once at start whether heads are verified, and against which key files: an operator reading the log
/// must never have to guess whether an unsigned commit would be rolled out.
/// </summary>
internal sealed class CommitVerificationNotice(IOptions<SourceOptions> options, ILogger<CommitVerificationNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var keys = options.Value.TrustedKeys;
        if (keys.IsEmpty)
        {
            logger.LogWarning("Commits are not verified: no trusted keys are configured (Hub:Source:AllowedSignersFile, Hub:Source:OpenPgpKeysFile), so every head of {Branch} is rolled out, signed or not",
                options.Value.Branch);
            return Task.CompletedTask;
        }
        logger.LogInformation("Commits are verified: a head is rolled out only when signed by one of the {Keys}", keys.ToString());
        foreach (var problem in keys.Check())
            logger.LogError("Trusted keys: {Problem}; every head is refused until this is fixed", problem);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
