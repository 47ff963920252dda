using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Storage;
using FleetOps.Shared.Kubernetes;

namespace FleetOps.KubeEmulator.Validation;

/// <summary>
/// The schema of a custom resource kind: its stored CRD's, read once per stored CRD object. Stored objects are never
/// mutated (a write stores a new one), so the CRD object itself keys the cache and a changed CRD is read afresh.
/// </summary>
internal static class CustomResourceSchemaCache
{
    private static readonly ConditionalWeakTable<JsonObject, CustomResourceSchemas> Read = new();

    public static SchemaOptions OptionsFor(ObjectStore store, ResourceType type, bool serverSideApply)
    {
        if (type.BuiltIn)
            return serverSideApply ? ServerSideApply : SchemaOptions.Default;

        var crd = store.Find(BuiltInResources.CustomResourceDefinition, "", $"{type.Plural}.{type.Group}");
        var schemas = crd is null ? CustomResourceSchemas.Empty : Read.GetValue(crd, c => CustomResourceSchemas.From([c]));
        return new SchemaOptions { CustomResources = schemas, ServerSideApply = serverSideApply };
    }

    private static readonly SchemaOptions ServerSideApply = new() { ServerSideApply = true };
}
