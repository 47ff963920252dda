using System.Net;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>A raw API server answer: status code and body (a Kubernetes Status object on errors).</summary>
internal sealed record KubeResponse(HttpStatusCode Status, string Body)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public bool NotFound => Status == HttpStatusCode.NotFound;

    public JsonObject? Json() => Body.Length == 0 ? null : JsonNode.Parse(Body) as JsonObject;

    /// <summary>The body parsed once, without nodes; null when empty.</summary>
    public System.Text.Json.JsonElement? Element() => Body.Length == 0 ? null : System.Text.Json.JsonElement.Parse(Body);

    /// <summary>The Status object's message, else the body itself, for error texts.</summary>
    public string Message()
    {
        try
        {
            if (Json()?["message"] is JsonValue m)
                return m.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: fall through to the raw body.
        }
        return Body.Length == 0 ? $"HTTP {(int)Status}" : Body.Length > 500 ? Body[..500] : Body;
    }

    /// <summary>A refusal of fields that cannot change in place only, which delete-and-recreate can get past (<see cref="ImmutableFieldRefusal"/>).</summary>
    public bool RecreateCanHelp
    {
        get
        {
            if (Status != HttpStatusCode.UnprocessableEntity)
                return false;
            try
            {
                return ImmutableFieldRefusal.RecreateCanHelp(Json());
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }
    }
}
