namespace Coworker.Catalog;

/// <summary>A tool as an operator sees it: its latest definition, status and version history.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ToolInfo")]
public sealed record ToolInfo(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Name,
    [property: Id(2)] ToolStatus Status,
    [property: Id(3)] int LatestVersion,
    // The version agents call while Published; a re-import adds a newer, staged version beside it.
    [property: Id(4)] int? PublishedVersion,
    [property: Id(5)] ToolDefinition Definition,
    [property: Id(6)] IReadOnlyList<ToolVersionInfo> Versions,
    [property: Id(7)] string? StatusReason,
    [property: Id(8)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Immutable, Alias("Coworker.ToolVersionInfo")]
public sealed record ToolVersionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] string SchemaHash,
    [property: Id(2)] string ImportId,
    [property: Id(3)] DateTimeOffset CreatedAt);

[GenerateSerializer, Alias("Coworker.ToolChangeKind")]
public enum ToolChangeKind
{
    Added = 0,
    Changed = 1,
    Unchanged = 2,
    Removed = 3,
}

[GenerateSerializer, Immutable, Alias("Coworker.ToolChange")]
public sealed record ToolChange(
    [property: Id(0)] string Name,
    [property: Id(1)] ToolChangeKind Kind,
    [property: Id(2)] int Version,
    [property: Id(3)] string SchemaHash);
