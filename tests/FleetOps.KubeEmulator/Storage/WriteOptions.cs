using FleetOps.KubeEmulator.Validation;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>
/// The query options of a mutating request that the write pipeline needs, and the warnings it collects for the
/// response (sent as <c>Warning: 299</c> headers, as kube-apiserver sends them).
/// </summary>
internal sealed record WriteOptions(string FieldManager, bool DryRun = false, bool Force = false, FieldValidation Validation = FieldValidation.Warn)
{
    public List<string> Warnings { get; } = [];
}
