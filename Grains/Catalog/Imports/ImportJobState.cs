namespace Coworker.Catalog.Imports;

[GenerateSerializer, Alias("Coworker.ImportJobState")]
public sealed class ImportJobState
{
    [Id(0)] public string SourceId { get; set; } = "";
    [Id(1)] public ImportJobStatus Status { get; set; }
    [Id(2)] public int OperationsDone { get; set; }
    [Id(3)] public int OperationsTotal { get; set; }
    [Id(4)] public string? Format { get; set; }
    [Id(5)] public string? ApiTitle { get; set; }
    [Id(6)] public List<ToolChange> Changes { get; set; } = [];
    [Id(7)] public List<ImportProblem> Problems { get; set; } = [];
    [Id(8)] public string? Error { get; set; }
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }
    [Id(10)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(11)] public string? ErrorKind { get; set; }
    [Id(12)] public string ToolPrefix { get; set; } = "";
}
