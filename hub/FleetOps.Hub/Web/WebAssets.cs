using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Hub.Web;

/// <summary>
/// The stylesheet and the page script, embedded in the hub's assembly: the page loads on a hub with no internet and
/// no files beside the binary. Their URLs carry a hash of their content, so a browser may keep them for a day and
/// still never runs an old script against a new page.
/// </summary>
internal static class WebAssets
{
    public const string StylePath = "/web/site.css";
    public const string ScriptPath = "/web/live.js";

    private static readonly Asset StyleAsset = Asset.Load("web/site.css", "text/css; charset=utf-8");
    private static readonly Asset ScriptAsset = Asset.Load("web/live.js", "text/javascript; charset=utf-8");

    public static string StyleUrl => $"{StylePath}?v={StyleAsset.Version}";

    public static string ScriptUrl => $"{ScriptPath}?v={ScriptAsset.Version}";

    public static IResult Style(HttpContext http) => StyleAsset.Serve(http);

    public static IResult Script(HttpContext http) => ScriptAsset.Serve(http);

    private sealed record Asset(byte[] Content, string ContentType, string Version)
    {
        public static Asset Load(string name, string contentType)
        {
            using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"the hub assembly lacks its embedded web asset {name}");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            return new(content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
        }

        public IResult Serve(HttpContext http)
        {
            http.Response.Headers.CacheControl = "private, max-age=86400";
            return TypedResults.Bytes(Content, ContentType);
        }
    }
}
