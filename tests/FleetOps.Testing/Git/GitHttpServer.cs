using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Testing.Git;

/// <summary>
/// Smart HTTP, as a store fetches from a git host over https (without the TLS): Kestrel on a free loopback port hands
/// every request to Debian's <c>git http-backend</c> as a CGI program and relays its answer. A fetch over HTTP is
/// stateless (each negotiation round is a request of its own), which libgit2 negotiates differently from git://.
/// </summary>
public sealed class GitHttpServer : IGitServer
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] BareHeaderEnd = "\n\n"u8.ToArray();

    private readonly WebApplication app;

    private GitHttpServer(WebApplication app, string basePath, int port)
    {
        this.app = app;
        BasePath = basePath;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public string BasePath { get; }

    public IPEndPoint EndPoint { get; }

    public string UrlOf(string repositoryPath, int? port = null) =>
        $"http://127.0.0.1:{port ?? EndPoint.Port}/{Path.GetRelativePath(BasePath, repositoryPath).Replace('\\', '/')}";

    public static async Task<GitHttpServer> StartAsync(string basePath)
    {
        Directory.CreateDirectory(basePath);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(context => ServeAsync(context, basePath));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GitHttpServer(app, basePath, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task ServeAsync(HttpContext context, string basePath)
    {
        using var backend = Process.Start(Cgi(context.Request, basePath)) ?? throw new InvalidOperationException("git http-backend did not start");
        try
        {
            await RelayAsync(context, backend);
        }
        finally
        {
            // A client that went away mid-answer leaves nobody to read the backend's output: end it.
            if (!backend.HasExited)
                backend.Kill(entireProcessTree: true);
        }
    }

    private static async Task RelayAsync(HttpContext context, Process backend)
    {
        var errors = backend.StandardError.ReadToEndAsync(context.RequestAborted);
        // The request goes in while the answer comes out: neither pipe may fill while the other waits.
        var body = CopyRequestAsync(context.Request.Body, backend.StandardInput.BaseStream, context.RequestAborted);
        var output = backend.StandardOutput.BaseStream;
        var (headers, bodyStart) = await ReadHeadersAsync(output, context.RequestAborted);
        foreach (var line in headers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else
                context.Response.Headers.Append(name, value);
        }
        await context.Response.Body.WriteAsync(bodyStart, context.RequestAborted);
        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await body;
        await backend.WaitForExitAsync(context.RequestAborted);
        if (backend.ExitCode != 0)
            await Console.Error.WriteLineAsync($"git http-backend {context.Request.Method} {context.Request.Path} exited {backend.ExitCode}: {await errors}");
    }

    private static ProcessStartInfo Cgi(HttpRequest request, string basePath)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("http-backend");
        start.Environment["GIT_PROJECT_ROOT"] = basePath;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = request.Path.Value ?? "/";
        start.Environment["QUERY_STRING"] = request.QueryString.Value?.TrimStart('?') ?? "";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.ContentType is { } type)
            start.Environment["CONTENT_TYPE"] = type;
        // Without a length (a chunked request), http-backend reads the body to its end.
        if (request.ContentLength is { } length)
            start.Environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
            start.Environment["GIT_PROTOCOL"] = protocol;
        return start;
    }

    private static async Task CopyRequestAsync(Stream request, Stream backend, CancellationToken cancellationToken)
    {
        await using (backend)
            await request.CopyToAsync(backend, cancellationToken);
    }

    /// <summary>The CGI header block (up to the blank line) and whatever of the body was read with it.</summary>
    private static async Task<(string Headers, byte[] BodyStart)> ReadHeadersAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await output.ReadAsync(chunk, cancellationToken);
            if (read == 0)
                throw new InvalidOperationException("git http-backend ended before its headers did");
            buffer.Write(chunk, 0, read);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            foreach (var end in new[] { HeaderEnd, BareHeaderEnd })
            {
                var at = bytes.IndexOf(end);
                if (at >= 0)
                    return (System.Text.Encoding.ASCII.GetString(bytes[..at]), bytes[(at + end.Length)..].ToArray());
            }
        }
    }
}
