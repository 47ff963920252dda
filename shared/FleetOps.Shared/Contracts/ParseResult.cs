using System.Diagnostics.CodeAnalysis;

namespace FleetOps.Shared.Contracts;

/// <summary>Either a message or the reason it was refused; parsing never throws for bad input.</summary>
public readonly record struct ParseResult<T>(T? Message, WireError? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Message is not null;

    public static ParseResult<T> Ok(T message) => new(message, null);

    public static ParseResult<T> Fail(WireErrorCode code, string message) => new(null, new WireError(code, message));
}
