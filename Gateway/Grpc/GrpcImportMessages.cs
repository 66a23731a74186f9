using Coworker.Catalog;
using Coworker.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using ImportProblem = Coworker.Catalog.ImportProblem;
using ToolChange = Coworker.Catalog.ToolChange;
using ToolChangeKind = Coworker.Catalog.ToolChangeKind;
using V1ImportProblem = Coworker.Grpc.V1.ImportProblem;
using V1ToolChange = Coworker.Grpc.V1.ToolChange;
using V1ToolChangeKind = Coworker.Grpc.V1.ToolChangeKind;

namespace Coworker.Gateway.GrpcServices;

/// <summary>Import requests and jobs between coworker.v1 messages and the import job grain's records.</summary>
internal static class GrpcImportMessages
{
    public static ImportRequest ToImportRequest(this StartImportRequest request) => new(
        request.SourceId,
        request.DescriptionCase == StartImportRequest.DescriptionOneofCase.Upload ? request.Upload.Content.ToByteArray() : null,
        request.DescriptionCase == StartImportRequest.DescriptionOneofCase.Url ? request.Url : null,
        ToolGrpcService.Blank(request.BaseUrl),
        ToolGrpcService.Blank(request.OauthProvider),
        ToolGrpcService.Blank(request.ToolPrefix));

    public static bool IsFinal(this ImportStatus status) => status is ImportStatus.Succeeded or ImportStatus.Failed;

    public static ImportJob ToMessage(this ImportJobInfo job)
    {
        var message = new ImportJob
        {
            Tenant = job.Tenant, Id = job.Id, SourceId = job.SourceId, Status = Status(job.Status),
            OperationsDone = job.OperationsDone, OperationsTotal = job.OperationsTotal, Format = job.Format ?? "", ApiTitle = job.ApiTitle ?? "",
            Changes = { job.Changes.Select(ToMessage) }, Problems = { job.Problems.Select(ToMessage) },
            Error = job.Error ?? "", ErrorKind = job.ErrorKind ?? "", ToolPrefix = job.ToolPrefix, CreatedAt = Timestamp.FromDateTimeOffset(job.CreatedAt),
        };
        if (job.FinishedAt is { } finished)
        {
            message.FinishedAt = Timestamp.FromDateTimeOffset(finished);
        }

        return message;
    }

    private static ImportStatus Status(ImportJobStatus status) => status switch
    {
        ImportJobStatus.Pending => ImportStatus.Pending,
        ImportJobStatus.Running => ImportStatus.Running,
        ImportJobStatus.Succeeded => ImportStatus.Succeeded,
        ImportJobStatus.Failed => ImportStatus.Failed,
        _ => ImportStatus.Unspecified,
    };

    private static V1ToolChange ToMessage(ToolChange change) => new()
    {
        Name = change.Name, Version = change.Version, SchemaHash = change.SchemaHash,
        Kind = change.Kind switch
        {
            ToolChangeKind.Added => V1ToolChangeKind.Added,
            ToolChangeKind.Changed => V1ToolChangeKind.Changed,
            ToolChangeKind.Unchanged => V1ToolChangeKind.Unchanged,
            ToolChangeKind.Removed => V1ToolChangeKind.Removed,
            _ => V1ToolChangeKind.Unspecified,
        },
    };

    private static V1ImportProblem ToMessage(ImportProblem problem) => new()
    {
        Operation = problem.Operation, Pointer = problem.Pointer, Message = problem.Message, Skipped = problem.Skipped,
    };
}
