namespace FleetOps.KubeEmulator.Validation;

/// <summary>The <c>fieldValidation</c> query parameter: what to do with unknown fields of a create, update or patch.</summary>
internal enum FieldValidation
{
    /// <summary>Drop them silently.</summary>
    Ignore,

    /// <summary>Drop them and say so in a <c>Warning</c> header each: the server's default when the parameter is absent.</summary>
    Warn,

    /// <summary>Refuse the request: 400 <c>strict decoding error: unknown field "spec.replica"</c>.</summary>
    Strict,
}
