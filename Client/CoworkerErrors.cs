using Google.Rpc;
using Grpc.Core;

namespace Coworker.Client;

/// <summary>Maps a gRPC failure and its google.rpc.Status details to the typed exceptions, in one place.</summary>
internal static class CoworkerErrors
{
    public static Exception Map(RpcException failure, CancellationToken cancellationToken)
    {
        // The caller's own cancellation is a cancellation, not a Gateway refusal.
        if (failure.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException(failure.Status.Detail, failure, cancellationToken);
        }

        var status = failure.GetRpcStatus();
        var message = status?.Message is { Length: > 0 } text ? text : failure.Status.Detail;
        var reason = status?.GetDetail<ErrorInfo>()?.Reason;
        return failure.StatusCode switch
        {
            StatusCode.NotFound => new CoworkerNotFoundException(message, reason, failure),
            StatusCode.PermissionDenied => new CoworkerPermissionDeniedException(message, reason, failure),
            StatusCode.Unauthenticated => new CoworkerAuthenticationException(message, failure),
            StatusCode.InvalidArgument => new CoworkerInvalidArgumentException(message, reason,
                status?.GetDetail<BadRequest>()?.FieldViolations.FirstOrDefault()?.Field, failure),
            // Only the Gateway's limits are rate limits; gRPC's own RESOURCE_EXHAUSTED (a message over the size
            // limit) carries no ErrorInfo and stays a plain CoworkerException.
            StatusCode.ResourceExhausted when reason is not null => new CoworkerRateLimitedException(message, reason,
                status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan(), failure),
            _ => new CoworkerException(message, failure.StatusCode, reason, failure),
        };
    }

    /// <summary>Awaits a unary call, turning its failure into the typed exception.</summary>
    public static async Task<T> CallAsync<T>(AsyncUnaryCall<T> call, CancellationToken cancellationToken)
    {
        using (call)
        {
            try
            {
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException failure)
            {
                throw Map(failure, cancellationToken);
            }
        }
    }
}
