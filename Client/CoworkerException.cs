using Grpc.Core;

namespace Coworker.Client;

/// <summary>
/// A call the Coworker Gateway refused or could not complete. Subclasses name the common refusals; anything else
/// (a conflict, a passed deadline, an unreachable Gateway) is this type with its <see cref="StatusCode"/>.
/// </summary>
public class CoworkerException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="message">The Gateway's message.</param>
    /// <param name="statusCode">The call's gRPC status.</param>
    /// <param name="reason">The <c>ErrorInfo.reason</c> the Gateway sent, when it sent one.</param>
    /// <param name="inner">The underlying gRPC failure.</param>
    public CoworkerException(string message, StatusCode statusCode, string? reason, Exception? inner)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The gRPC status of the failed call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>
    /// The machine-readable reason (<c>google.rpc.ErrorInfo.reason</c>, the last segment of the REST problem type,
    /// e.g. <c>RateLimited</c>), or null when the Gateway sent none.
    /// </summary>
    public string? Reason { get; }
}
