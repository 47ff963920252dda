using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Security;

/// <summary>
/// The HTTP API's bearer token: from configuration (<c>Hub:AdminToken</c>), else from
/// <c>{DataDir}/admin-token</c>, else generated there at first start (mode 0600) and printed once.
/// Only its hash stays in memory.
/// </summary>
internal sealed class AdminToken
{
    public const string FileName = "admin-token";

    private readonly string hash;

    public AdminToken(IOptions<HubOptions> options, ILogger<AdminToken> logger)
    {
        var configured = options.Value.AdminToken;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            hash = Tokens.Hash(configured.Trim());
            return;
        }
        var path = Path.Combine(HubDataDir.Secure(options.Value, logger), FileName);
        if (File.Exists(path))
        {
            hash = Tokens.Hash(File.ReadAllText(path).Trim());
            logger.LogInformation("API admin token read from {Path}", path);
            return;
        }
        var token = Tokens.New();
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, create))
        using (var writer = new StreamWriter(file))
            writer.WriteLine(token);
        hash = Tokens.Hash(token);
        // Printed to the console, not logged: log pipelines keep copies, and this is shown exactly once.
        Console.WriteLine($"fleetops-hub: generated API admin token (also in {path}, mode 0600):");
        Console.WriteLine(token);
    }

    public bool Accepts(string? token) => Tokens.Matches(hash, token);
}
