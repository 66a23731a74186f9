using Grpc.Core;

namespace Coworker.Client;

/// <summary>The caller is known but may not do this: a role too low, a tool not granted, another agent's call.</summary>
public sealed class CoworkerPermissionDeniedException : CoworkerException
{
    /// <summary>Creates the exception for a PERMISSION_DENIED answer.</summary>
    /// <param name="message">The Gateway's message.</param>
    /// <param name="reason">The <c>ErrorInfo.reason</c>, if any.</param>
    /// <param name="inner">The underlying gRPC failure.</param>
    public CoworkerPermissionDeniedException(string message, string? reason, Exception? inner)
        : base(message, StatusCode.PermissionDenied, reason, inner)
    {
    }
}
