namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads a group's <c>rollout:</c> block into a <see cref="RolloutPolicy"/>. Every field is optional;
/// an absent one keeps the default of "everything at once" for that aspect.
/// </summary>
internal static class RolloutReader
{
    private const string Fields = "canary, approval, waves, bake, maxConcurrent, failureBudget and window";
    private static readonly string[] KnownFields = ["canary", "approval", "waves", "bake", "maxConcurrent", "failureBudget", "window"];

    /// <summary>False when the block has errors (all reported); <paramref name="policy"/> is null without a block.</summary>
    public static bool TryRead(MappingEntry? entry, ErrorScope scope, out RolloutPolicy? policy)
    {
        policy = null;
        switch (entry)
        {
            case null:
                return true;
            case { Value: ScalarNode { IsNull: true } }:
                scope.Report(FleetYamlErrorCode.RolloutNotAMapping, entry.Key,
                    $"rollout has no value (give any of {Fields}, or remove it to move every member at once)");
                return false;
            case { Value: not MappingNode }:
                scope.Report(FleetYamlErrorCode.RolloutNotAMapping, entry.Value, $"rollout must be a mapping with {Fields}, not {entry.Value.Describe()}");
                return false;
        }
        // Each reader reports its own errors and returns null; the block is usable when none was added.
        var errorsBefore = scope.Diagnostics.Errors.Count;
        var rolloutScope = scope.Field("rollout");
        var fields = FieldSet.Read((MappingNode)entry.Value, KnownFields, rolloutScope);
        var canary = fields["canary"] is { } canaryEntry ? CanaryReader.Read(canaryEntry, rolloutScope) : null;
        var approval = ReadApproval(fields, rolloutScope);
        var waves = fields["waves"] is { } wavesEntry ? WavesReader.Read(wavesEntry, rolloutScope) : [100];
        var bake = fields["bake"] is { } bakeEntry ? QuantityReader.ReadDuration(bakeEntry, rolloutScope) : TimeSpan.Zero;
        var maxConcurrent = fields["maxConcurrent"] is { } concurrentEntry ? QuantityReader.ReadAmount(concurrentEntry, allowZero: false, rolloutScope) : null;
        var failureBudget = fields["failureBudget"] is { } budgetEntry ? QuantityReader.ReadAmount(budgetEntry, allowZero: true, rolloutScope) : Amount.OfCount(0);
        var window = fields["window"] is { } windowEntry ? WindowReader.Read(windowEntry, rolloutScope) : null;
        if (scope.Diagnostics.Errors.Count > errorsBefore || approval is null || waves is null || bake is null || failureBudget is null)
            return false;
        policy = new RolloutPolicy
        {
            Canary = canary,
            ManualApproval = approval.Value,
            Waves = waves,
            Bake = bake.Value,
            MaxConcurrent = maxConcurrent,
            FailureBudget = failureBudget.Value,
            Window = window,
        };
        return true;
    }

    private static bool? ReadApproval(FieldSet fields, ErrorScope scope)
    {
        if (fields["approval"] is not { } entry)
            return false;
        var approval = fields.Text("approval", scope);
        if (approval is null)
        {
            if (!fields.HasNonText("approval"))
                scope.Report(FleetYamlErrorCode.ApprovalInvalid, entry.ValueOrKey,
                    "approval has no value (write 'approval: manual' to wait for an operator's promote after the canary, or remove it)");
            return null;
        }
        if (approval != "manual")
        {
            scope.Report(FleetYamlErrorCode.ApprovalInvalid, entry.Value,
                $"approval '{approval}' is not valid (write 'approval: manual', the only value, to wait for an operator's promote after the canary, or remove it)");
            return null;
        }
        // Checked against the field, not the parsed canary, so a mistyped canary is not reported twice.
        if (fields["canary"] is null)
        {
            scope.Report(FleetYamlErrorCode.ApprovalWithoutCanary, entry.Value, "approval waits after the canary; add a canary or remove approval");
            return null;
        }
        return true;
    }
}
