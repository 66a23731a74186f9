using Grpc.Core;

namespace Coworker.Client;

/// <summary>The API key or token is missing, unknown, expired or revoked.</summary>
public sealed class CoworkerAuthenticationException : CoworkerException
{
    /// <summary>Creates the exception for an UNAUTHENTICATED answer.</summary>
    /// <param name="message">The Gateway's message.</param>
    /// <param name="inner">The underlying gRPC failure.</param>
    public CoworkerAuthenticationException(string message, Exception? inner)
        : base(message, StatusCode.Unauthenticated, null, inner)
    {
    }
}
