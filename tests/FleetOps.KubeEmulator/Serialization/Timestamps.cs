using System.Globalization;

namespace FleetOps.KubeEmulator.Serialization;

/// <summary>Times as the API server writes them into objects: UTC, to the second.</summary>
internal static class Timestamps
{
    public static string Now(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
