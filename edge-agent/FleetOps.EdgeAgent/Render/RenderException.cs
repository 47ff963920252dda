namespace FleetOps.EdgeAgent.Render;

/// <summary>The group's path could not be rendered; the message carries kustomize's or the parser's error.</summary>
public sealed class RenderException(string message, Exception? inner = null) : Exception(message, inner);
