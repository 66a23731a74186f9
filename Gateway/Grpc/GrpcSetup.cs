namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// The coworker.v1 gRPC API (contracts in Protos/), served beside REST and MCP on the same Kestrel endpoints, behind the
/// same authentication and caller stamping (see docs/grpc.md). Health and reflection answer without a credential,
/// so load balancers and grpcurl can use them; every coworker.v1 method needs one.
/// </summary>
public static class GrpcSetup
{
    /// <summary>The length-prefixed message framing of gRPC: a compressed flag and a 4-byte length.</summary>
    private const int GrpcMessagePrefixBytes = 5;

    public static IServiceCollection AddCoworkerGrpc(this IServiceCollection services)
    {
        services.AddGrpc(options => options.Interceptors.Add<GrpcErrorInterceptor>())
            // Uploads: the same limit as the REST import's body; other services stay under the JSON API's 1 MiB body limit.
            .AddServiceOptions<ImportGrpcService>(options => options.MaxReceiveMessageSize = ImportGrpcService.MaxStartImportBytes);
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
        // Kestrel's body limit (UseBodyLimits, 1 MiB for the JSON API) must let the message and its 5-byte gRPC prefix through.
        app.MapGrpcService<ImportGrpcService>().RequireAuthorization()
            .WithMetadata(new BodyLimit(ImportGrpcService.MaxStartImportBytes + GrpcMessagePrefixBytes));
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
