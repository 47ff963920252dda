namespace FleetOps.Shared.Contracts;

/// <summary>How many objects of one kind an inventory counts without listing them.</summary>
public sealed record KindCount(string Kind, int Count)
{
    /// <summary>The kinds past <see cref="GroupInventory.MaxKinds"/>, counted together.</summary>
    public const string OtherKinds = "(other kinds)";
}
