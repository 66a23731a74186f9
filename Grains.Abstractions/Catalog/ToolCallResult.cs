namespace Coworker.Catalog;

/// <summary>The outcome of a governed tool call, ready to become MCP content.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ToolCallResult")]
public sealed record ToolCallResult(
    [property: Id(0)] bool IsError,
    // The upstream body (on success or HTTP error) or a message saying why the call did not happen.
    [property: Id(1)] string Text,
    // The body as JSON text when it is JSON and the tool declares an output schema (MCP structuredContent).
    [property: Id(2)] string? StructuredJson,
    // ok, denied, not_published, rate_limited, invalid_arguments, http_error, timeout, blocked, too_large, credential_missing, credential_not_approved, error.
    [property: Id(3)] string Outcome,
    [property: Id(4)] int? UpstreamStatus,
    [property: Id(5)] long LatencyMs,
    [property: Id(6)] TimeSpan? RetryAfter);
