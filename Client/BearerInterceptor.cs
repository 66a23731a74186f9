using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Coworker.Client;

/// <summary>
/// Adds <c>authorization: Bearer {key}</c> to every call. An interceptor rather than call credentials because
/// call credentials are only sent over TLS, and the Gateway's gRPC port is usually cleartext behind a terminator.
/// Without a key it adds nothing (the channel's handler may authenticate instead).
/// </summary>
internal sealed class BearerInterceptor(string? apiKey) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    private ClientInterceptorContext<TRequest, TResponse> WithKey<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        if (apiKey is null)
        {
            return context;
        }

        var headers = context.Options.Headers ?? [];
        headers.Add("authorization", $"Bearer {apiKey}");
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
