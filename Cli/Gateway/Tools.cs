namespace Coworker.Cli.Gateway;

internal enum ToolStatus
{
    Staged,
    Published,
    Deprecated,
}

/// <summary>One page of a listing; <see cref="Next"/> is passed back as <c>?after=</c>.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A row of GET /api/v1/tenants/{t}/tools.</summary>
internal sealed record ToolSummary(
    string Name,
    string? Title,
    ToolStatus Status,
    string? SourceId,
    string? Operation,
    int LatestVersion,
    int? PublishedVersion,
    int ReviewFlags);

/// <summary>GET /api/v1/tenants/{t}/tools/{name}: the latest definition, status and versions.</summary>
internal sealed record Tool(
    string Name,
    ToolStatus Status,
    int LatestVersion,
    int? PublishedVersion,
    ToolDefinition Definition,
    IReadOnlyList<ToolVersion>? Versions,
    string? StatusReason,
    DateTimeOffset UpdatedAt);

internal sealed record ToolDefinition(
    string? Title,
    string? Description,
    string? InputSchema,
    string? OutputSchema,
    ToolBinding? Binding,
    ToolAuth? Auth,
    ToolAnnotations? Annotations,
    ToolOrigin? Origin,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? ReviewFlags);

internal sealed record ToolBinding(string Method, string ServerUrl, string PathTemplate);

// Kind stays a string: the CLI shows it and must not fail on a kind it has not heard of.
internal sealed record ToolAuth(string Kind, string? Provider, IReadOnlyList<string>? Scopes, string? SecretRef);

internal sealed record ToolAnnotations(bool ReadOnly, bool Destructive, bool Idempotent, bool OpenWorld);

internal sealed record ToolOrigin(string SourceId, string? Format, string Operation, string? Pointer);

internal sealed record ToolVersion(int Version, string SchemaHash, string? ImportId, DateTimeOffset CreatedAt);

/// <summary>A hit of GET /api/v1/tenants/{t}/tools/search.</summary>
internal sealed record ToolSearchHit(string Name, string? Title, string? Description, double Score);

/// <summary>POST /api/v1/tenants/{t}/tools/{name}/test-runs: one recorded run against the real upstream.</summary>
internal sealed record TestRun(
    string Id,
    int ToolVersion,
    TestRunRequest? Request,
    int? Status,
    string? ResponseContentType,
    string? ResponseBody,
    long LatencyMs,
    string Outcome,
    string? Error,
    bool? MatchesOutputSchema,
    IReadOnlyList<string>? SchemaErrors);

internal sealed record TestRunRequest(string Method, string Url);
