namespace FleetOps.Shared.Fleet;

/// <summary>What is wrong with a fleet.yaml, one code per distinct mistake so callers and tests can tell them apart.</summary>
public enum FleetYamlErrorCode
{
    YamlSyntax,
    EmptyDocument,
    MultipleDocuments,
    RootNotAMapping,
    DuplicateField,
    UnknownField,
    NotText,
    ApiVersionMissing,
    ApiVersionUnsupported,
    GroupsMissing,
    GroupsNotAList,
    GroupNotAMapping,
    NameMissing,
    NameInvalid,
    DuplicateGroupName,
    PathMissing,
    PathEmpty,
    PathAbsolute,
    PathParentSegment,
    PathBackslash,

    /// <summary>Not found by the parser: the hub reports it when the path is absent at a commit.</summary>
    PathNotFound,
    SelectorMissing,
    SelectorNotAMapping,
    MatchLabelsNotAMapping,
    MatchExpressionsNotAList,
    ExpressionNotAMapping,
    LabelKeyMissing,
    LabelKeyInvalid,
    LabelValueNotString,
    LabelValueInvalid,
    OperatorMissing,
    OperatorInvalid,
    ValuesNotAList,
    ValuesRequired,
    ValuesNotAllowed,
}
