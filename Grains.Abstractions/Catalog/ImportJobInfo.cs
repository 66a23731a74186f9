namespace Coworker.Catalog;

[GenerateSerializer, Alias("Coworker.ImportJobStatus")]
public enum ImportJobStatus
{
    Pending = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>What an import job has done so far; the UI and CLI poll it.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ImportJobInfo")]
public sealed record ImportJobInfo(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Id,
    [property: Id(2)] string SourceId,
    [property: Id(3)] ImportJobStatus Status,
    [property: Id(4)] int OperationsDone,
    [property: Id(5)] int OperationsTotal,
    [property: Id(6)] string? Format,
    [property: Id(7)] string? ApiTitle,
    [property: Id(8)] IReadOnlyList<ToolChange> Changes,
    [property: Id(9)] IReadOnlyList<ImportProblem> Problems,
    // A fatal error: the description was rejected and nothing was imported.
    [property: Id(10)] string? Error,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? FinishedAt,
    // Machine-readable kind of Error: too_large, malformed, unsupported_version, unsupported_format,
    // reference_cycle, timeout, too_many_operations, tool_limit, prefix_conflict, fetch_failed,
    // circuit_open (the tenant's calls to that host are paused), interrupted, error.
    [property: Id(13)] string? ErrorKind = null,
    // The source's tool-name prefix ("v2_"), empty when its tools carry none.
    [property: Id(14)] string ToolPrefix = "");

/// <summary>The description to import: its bytes, or a URL the silo fetches (SSRF-guarded).</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ImportRequest")]
public sealed record ImportRequest(
    [property: Id(0)] string SourceId,
    [property: Id(1)] byte[]? Content,
    [property: Id(2)] string? Url,
    // Used to resolve relative server URLs, and as the server when the description has none.
    [property: Id(3)] string? BaseUrl,
    // OAuth provider id for OAuth2-secured operations (e.g. "google"); guessed from the host when null.
    [property: Id(4)] string? OAuthProvider,
    // Tool-name prefix for this source, chosen at its first import and kept after (see ToolPrefix); null keeps it.
    [property: Id(5)] string? ToolPrefix = null);
