using System.Text.Json.Serialization;

namespace FleetOps.Shared.Api;

/// <summary>
/// Source-generated JSON for the hub's HTTP API, shared by the hub (writer) and the CLI (reader) so
/// both agree on camelCase names and enum spellings without reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(FleetView))]
[JsonSerializable(typeof(GroupView))]
[JsonSerializable(typeof(IReadOnlyList<GroupView>))]
[JsonSerializable(typeof(GroupDetail))]
[JsonSerializable(typeof(ClusterPage))]
[JsonSerializable(typeof(ClusterDetail))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(RegisterClusterRequest))]
[JsonSerializable(typeof(RegisterClusterResponse))]
[JsonSerializable(typeof(RefreshResult))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(RolloutView))]
[JsonSerializable(typeof(RolloutAction))]
[JsonSerializable(typeof(PinRequest))]
[JsonSerializable(typeof(LabelRequest))]
[JsonSerializable(typeof(ClusterLabels))]
[JsonSerializable(typeof(GroupHistory))]
[JsonSerializable(typeof(BrokerInfo))]
[JsonSerializable(typeof(RevisionView))]
[JsonSerializable(typeof(EventPage))]
[JsonSerializable(typeof(ClusterObjects))]
[JsonSerializable(typeof(GroupRemovalView))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
