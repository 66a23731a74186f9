namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// The coworker.v1 gRPC API (contracts in Protos/), served beside REST and MCP on the same Kestrel endpoints, behind the
/// same authentication and caller stamping (see docs/grpc.md). Health and reflection answer without a credential,
/// so load balancers and grpcurl can use them; every coworker.v1 method needs one.
/// </summary>
public static class GrpcSetup
{
    public static IServiceCollection AddCoworkerGrpc(this IServiceCollection services)
    {
        services.AddGrpc(options => options.Interceptors.Add<GrpcErrorInterceptor>());
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection();
        return services;
    }

    public static IEndpointRouteBuilder MapCoworkerGrpc(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ToolGrpcService>().RequireAuthorization();
        app.MapGrpcService<ToolCallGrpcService>().RequireAuthorization();
        app.MapGrpcService<AgentGrpcService>().RequireAuthorization();
        app.MapGrpcService<AuditGrpcService>().RequireAuthorization();
        app.MapGrpcService<UsageGrpcService>().RequireAuthorization();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
