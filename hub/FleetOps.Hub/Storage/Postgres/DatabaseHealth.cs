using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FleetOps.Hub.Storage.Postgres;

/// <summary>
/// Whether PostgreSQL answers, checked every <see cref="DatabaseOptions.ProbeInterval"/> (only when the hub keeps
/// anything there). While it does not, /readyz says 503 with <see cref="Problem"/> so a load balancer sends the API
/// elsewhere; nothing restarts: grain calls that need the database fail and are retried by their callers, and agents
/// keep every journal event the hub has not acknowledged. One log line when it goes and one when it comes back.
/// </summary>
internal sealed class DatabaseHealth(NpgsqlDataSource? database, IOptions<DatabaseOptions> options, TimeProvider time, ILogger<DatabaseHealth> logger) : BackgroundService
{
    private volatile string? problem;

    /// <summary>Null while the database answers (or the hub keeps nothing there); else why not.</summary>
    public string? Problem => problem;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database is null)
            return;
        var where = PostgresTarget.Describe(database);
        while (!stoppingToken.IsCancellationRequested)
        {
            var error = await ProbeAsync(database, stoppingToken);
            if (error is not null && problem is null)
                logger.LogError("{Database} does not answer ({Error}): /readyz answers 503 until it does; agents keep their unacknowledged journal events meanwhile", where, error);
            else if (error is null && problem is not null)
                logger.LogInformation("{Database} answers again: ready", where);
            problem = error is null ? null : $"{where} does not answer: {error}";
            await Task.Delay(options.Value.ProbeInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<string?> ProbeAsync(NpgsqlDataSource source, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            await using var probe = source.CreateCommand("SELECT 1");
            await probe.ExecuteScalarAsync(deadline.Token);
            return null;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.ProbeTimeout.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return e.Message;
        }
    }
}
