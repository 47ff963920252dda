namespace FleetOps.EdgeAgent.Local;

/// <summary>One question over the control socket: <c>status</c>, or <c>history</c> of a group (or all) up to a limit.</summary>
public sealed record LocalRequest(string Command, string? Group = null, int Limit = LocalReports.DefaultHistoryLimit);
