using Coworker.Common;
using Coworker.ServiceDefaults.Logging;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// Turns a <see cref="CoworkerException"/> thrown by a service or a grain into its gRPC status (<see cref="GrpcErrors"/>),
/// logged as one warning line like a refused REST request. Anything else is left to Grpc.AspNetCore, which answers
/// UNKNOWN without details and logs it.
/// </summary>
public sealed partial class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (CoworkerException exception)
        {
            throw Refuse(context, exception);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (CoworkerException exception)
        {
            throw Refuse(context, exception);
        }
    }

    private RpcException Refuse(ServerCallContext context, CoworkerException exception)
    {
        LogRefused(logger, LogValue.Escape(context.Method), exception.Kind, LogValue.Escape(exception.Message));
        return GrpcErrors.From(exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused gRPC {Method}: {Kind}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, ErrorKind kind, string reason);
}
