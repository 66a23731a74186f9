using Coworker.Common;
using Coworker.Gateway.Apis;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// The one mapping from refusals to gRPC statuses. It starts from the REST answer (<see cref="ProblemResults.StatusFor"/>
/// and <see cref="GovernedToolCall.Refusal"/>), so a refusal has the same meaning on both APIs, and carries it as
/// google.rpc.Status details: ErrorInfo (reason = the problem type's last segment, domain "coworker"), BadRequest
/// with the field where it is known, RetryInfo for a used-up rate limit or quota.
/// </summary>
public static class GrpcErrors
{
    public const string Domain = "coworker";

    public static StatusCode CodeFor(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest => StatusCode.InvalidArgument,
        StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
        StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
        StatusCodes.Status404NotFound => StatusCode.NotFound,
        StatusCodes.Status409Conflict => StatusCode.FailedPrecondition,
        StatusCodes.Status413PayloadTooLarge => StatusCode.InvalidArgument,
        StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
        _ => StatusCode.Internal,
    };

    public static RpcException From(CoworkerException exception) =>
        Build(ProblemResults.StatusFor(exception.Kind), exception.Kind.ToString(), exception.Message, field: null, retryAfter: null);

    public static RpcException From(ToolCallRefusal refusal) =>
        Build(refusal.Status, refusal.Reason, refusal.Detail,
            field: refusal.Status == StatusCodes.Status400BadRequest ? "arguments" : null, refusal.RetryAfter);

    /// <summary>A request field of a gRPC message that is out of range or missing.</summary>
    public static RpcException InvalidArgument(string field, string message) =>
        Build(StatusCodes.Status400BadRequest, nameof(ErrorKind.Validation), message, field, retryAfter: null);

    private static RpcException Build(int httpStatus, string reason, string message, string? field, TimeSpan? retryAfter)
    {
        var status = new Google.Rpc.Status { Code = (int)CodeFor(httpStatus), Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo
        {
            Reason = reason,
            Domain = Domain,
            Metadata = { ["type"] = $"urn:coworker:error:{reason}" },
        }));
        if (field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } },
            }));
        }

        if (retryAfter is { } wait)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(wait) }));
        }

        return status.ToRpcException();
    }
}
