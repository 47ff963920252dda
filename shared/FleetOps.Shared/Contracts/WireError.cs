namespace FleetOps.Shared.Contracts;

/// <summary>A refused payload: the code to count it by and a sentence to log once.</summary>
public sealed record WireError(WireErrorCode Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
