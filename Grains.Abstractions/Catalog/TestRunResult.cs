namespace Coworker.Catalog;

/// <summary>
/// A recorded test run of a tool against the real upstream: the request as sent (credentials masked),
/// what came back, how long it took, and whether the response matched the declared output schema.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.TestRunResult")]
public sealed record TestRunResult(
    [property: Id(0)] string Id,
    [property: Id(1)] int ToolVersion,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] RecordedRequest Request,
    // Null when no response arrived (timeout, refused address, connection error).
    [property: Id(4)] int? Status,
    [property: Id(5)] string? ResponseContentType,
    // The response body (truncated for the record), or null.
    [property: Id(6)] string? ResponseBody,
    [property: Id(7)] long LatencyMs,
    // "ok", "http_error", "timeout", "blocked", "too_large", "invalid_arguments", "credential_missing", "credential_not_approved", "error".
    [property: Id(8)] string Outcome,
    [property: Id(9)] string? Error,
    // True/false when an output schema exists and a JSON body came back; null when not checkable.
    [property: Id(10)] bool? MatchesOutputSchema,
    [property: Id(11)] IReadOnlyList<string> SchemaErrors);

[GenerateSerializer, Immutable, Alias("Coworker.RecordedRequest")]
public sealed record RecordedRequest(
    [property: Id(0)] string Method,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyDictionary<string, string> Headers,
    [property: Id(3)] string? Body);
