namespace FleetOps.Shared.Contracts;

/// <summary>Why a payload was refused; receivers count refusals by this code.</summary>
public enum WireErrorCode
{
    /// <summary>Payload larger than <see cref="WireOptions.MaxPayloadBytes"/>.</summary>
    TooLarge,

    /// <summary>Topic is not a v1 cluster topic.</summary>
    UnknownTopic,

    /// <summary>Not UTF-8 JSON, or not a JSON object.</summary>
    InvalidJson,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong type or an invalid value.</summary>
    InvalidField,

    /// <summary>The major version <c>v</c> is not one this build speaks.</summary>
    UnsupportedVersion,

    /// <summary>The payload's <c>clusterId</c> differs from the cluster named by the topic.</summary>
    ClusterMismatch,

    /// <summary>The message type asked for does not match the topic's kind.</summary>
    KindMismatch,
}
