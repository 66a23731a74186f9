using System.Text.Json;

namespace Coworker.Gateway.Apis.Contracts;

/// <summary>Import by URL (JSON body). File uploads use multipart/form-data with the same field names plus "file".</summary>
public sealed record ImportFromUrlRequest(string? SourceId, string? Url, string? BaseUrl, string? OAuthProvider, string? ToolPrefix = null);

public sealed record TestRunRequest(JsonElement? Arguments, int? Version);

public sealed record PublishRequest(int? Version);

public sealed record DeprecateRequest(string? Reason);
