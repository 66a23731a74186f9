namespace Coworker.Cli.Gateway;

// The CLI's own view of the Gateway's JSON: only the fields it shows, so it never references the cluster's
// contracts (Grains.Abstractions) and keeps working when the Gateway adds fields.

internal enum ImportJobStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

internal enum ToolChangeKind
{
    Added,
    Changed,
    Unchanged,
    Removed,
}

/// <summary>An import job (GET /api/v1/tenants/{t}/imports/{id}).</summary>
internal sealed record ImportJob(
    string Id,
    string SourceId,
    ImportJobStatus Status,
    int OperationsDone,
    int OperationsTotal,
    string? Format,
    string? ApiTitle,
    IReadOnlyList<ToolChange>? Changes,
    IReadOnlyList<ImportProblem>? Problems,
    string? Error,
    string? ErrorKind)
{
    public bool IsFinished => Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed;
}

internal sealed record ToolChange(string Name, ToolChangeKind Kind, int Version);

/// <summary>A per-operation problem that did not stop the import; <see cref="Pointer"/> is a JSON pointer into the description.</summary>
internal sealed record ImportProblem(string? Operation, string? Pointer, string Message, bool Skipped);
