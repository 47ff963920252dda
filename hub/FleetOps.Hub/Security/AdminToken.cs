using FleetOps.Hub.Hosting;
using FleetOps.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Security;

/// <summary>
/// The HTTP API's bearer token: from configuration (<c>Hub:AdminToken</c>), else from
/// <c>{DataDir}/admin-token</c>, else generated there at first start (mode 0600) and printed once.
/// Only its hash, and the web session value derived from it, stay in memory.
/// </summary>
internal sealed class AdminToken
{
    public const string FileName = "admin-token";

    private readonly string hash;
    private readonly string sessionHash;

    public AdminToken(IOptions<HubOptions> options, ILogger<AdminToken> logger)
    {
        var token = Load(options.Value, logger);
        hash = Tokens.Hash(token);
        SessionValue = Tokens.Derive(token, "fleetops web session v1");
        sessionHash = Tokens.Hash(SessionValue);
    }

    /// <summary>
    /// What the web view's session cookie holds: derived from the token, never the token itself, so a cookie
    /// taken off a browser opens the read-only pages but not the API's write endpoints. It changes with the token.
    /// </summary>
    public string SessionValue { get; }

    public bool Accepts(string? token) => Tokens.Matches(hash, token);

    public bool AcceptsSession(string? value) => Tokens.Matches(sessionHash, value);

    private static string Load(HubOptions options, ILogger logger)
    {
        var configured = options.AdminToken;
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.Trim();
        var path = Path.Combine(HubDataDir.Secure(options, logger), FileName);
        if (File.Exists(path))
        {
            logger.LogInformation("API admin token read from {Path}", path);
            return File.ReadAllText(path).Trim();
        }
        var token = Tokens.New();
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, create))
        using (var writer = new StreamWriter(file))
            writer.WriteLine(token);
        // Printed to the console, not logged: log pipelines keep copies, and this is shown exactly once.
        Console.WriteLine($"fleetops-hub: generated API admin token (also in {path}, mode 0600):");
        Console.WriteLine(token);
        return token;
    }
}
