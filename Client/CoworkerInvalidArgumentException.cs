using Grpc.Core;

namespace Coworker.Client;

/// <summary>The request was malformed, e.g. tool arguments that do not match the tool's input schema.</summary>
public sealed class CoworkerInvalidArgumentException : CoworkerException
{
    /// <summary>Creates the exception for an INVALID_ARGUMENT answer.</summary>
    /// <param name="message">The Gateway's message.</param>
    /// <param name="reason">The <c>ErrorInfo.reason</c>, if any.</param>
    /// <param name="field">The request field at fault (<c>arguments</c>, <c>query</c>), when the Gateway named one.</param>
    /// <param name="inner">The underlying gRPC failure.</param>
    public CoworkerInvalidArgumentException(string message, string? reason, string? field, Exception? inner)
        : base(message, StatusCode.InvalidArgument, reason, inner)
    {
        Field = field;
    }

    /// <summary>
    /// The request field at fault, from the first <c>google.rpc.BadRequest</c> field violation (<c>arguments</c> for a
    /// tool call's arguments, <c>query</c> for a search), or null when the Gateway named none.
    /// </summary>
    public string? Field { get; }
}
