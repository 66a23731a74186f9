namespace Coworker.Catalog.Tools;

[GenerateSerializer, Alias("Coworker.ToolState")]
public sealed class ToolState
{
    [Id(0)] public List<ToolVersionState> Versions { get; set; } = [];
    [Id(1)] public ToolStatus Status { get; set; }
    [Id(2)] public int? PublishedVersion { get; set; }
    [Id(3)] public string? StatusReason { get; set; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }
    // The most recent runs only: the record of a tool's testing, not an unbounded log.
    [Id(5)] public List<TestRunResult> TestRuns { get; set; } = [];
}

[GenerateSerializer, Alias("Coworker.ToolVersionState")]
public sealed class ToolVersionState
{
    [Id(0)] public int Version { get; set; }
    [Id(1)] public ToolDefinition Definition { get; set; } = null!;
    [Id(2)] public string ImportId { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
}
