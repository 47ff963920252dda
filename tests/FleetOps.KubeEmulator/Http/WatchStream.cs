using System.Globalization;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Storage;
using Microsoft.AspNetCore.Http;

namespace FleetOps.KubeEmulator.Http;

/// <summary>Serves a watch: streams the events of one resource until it times out, the client leaves or the server stops.</summary>
internal static class WatchStream
{
    public static async Task Serve(HttpContext context, ClusterState cluster, RequestTarget target, CancellationToken stopping)
    {
        var query = context.Request.Query;
        var watcher = cluster.Watch(target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"]), query["resourceVersion"]);
        try
        {
            var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(30);
            using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            end.CancelAfter(timeout);
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.StartAsync(end.Token);
            await response.Body.FlushAsync(end.Token);
            while (await watcher.Frames.WaitToReadAsync(end.Token))
            {
                while (watcher.Frames.TryRead(out var frame))
                    await response.Body.WriteAsync(frame, end.Token);

                await response.Body.FlushAsync(end.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch timed out, the client went away, or the server is stopping: all end the stream normally.
        }
        finally
        {
            cluster.Unwatch(watcher);
        }
    }
}
