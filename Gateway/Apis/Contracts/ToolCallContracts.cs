using System.Text.Json;

namespace Coworker.Gateway.Apis.Contracts;

/// <summary>
/// A tool call that was made: <paramref name="Text"/> is the upstream's body (or why the call failed), and
/// <paramref name="StructuredContent"/> the same body as JSON when the tool declares an output schema.
/// </summary>
public sealed record ToolCallResponse(bool IsError, string Outcome, int? UpstreamStatus, string Text, JsonElement? StructuredContent, long LatencyMs);
