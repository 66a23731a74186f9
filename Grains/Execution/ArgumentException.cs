namespace Coworker.Execution;

/// <summary>The tool's arguments do not fit its input schema; the message says which and why.</summary>
public sealed class ToolArgumentsException(string message) : Exception(message);
