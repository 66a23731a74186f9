using Grpc.Core;

namespace Coworker.Client;

/// <summary>The tenant, agent, tool or event does not exist for this caller (another tenant's ids are not found too).</summary>
public sealed class CoworkerNotFoundException : CoworkerException
{
    /// <summary>Creates the exception for a NOT_FOUND answer.</summary>
    /// <param name="message">The Gateway's message.</param>
    /// <param name="reason">The <c>ErrorInfo.reason</c>, if any.</param>
    /// <param name="inner">The underlying gRPC failure.</param>
    public CoworkerNotFoundException(string message, string? reason, Exception? inner)
        : base(message, StatusCode.NotFound, reason, inner)
    {
    }
}
