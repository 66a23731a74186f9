namespace Coworker.ServiceDefaults;

/// <summary>
/// Every configuration key a Coworker process reads, in one place. Environment variables use the
/// .NET convention (":" becomes "__"), so compose.yaml and scripts/lib.sh set exactly these names;
/// tests/Coworker.Tests/Deployment/ComposeFileTests checks that they do.
/// </summary>
public static class ConfigKeys
{
    public const string PostgresConnection = "ConnectionStrings:Postgres";
    public const string NatsConnection = "ConnectionStrings:Nats";
    public const string ClusterId = "Orleans:ClusterId";
    public const string ServiceId = "Orleans:ServiceId";
    public const string SiloPort = "Orleans:SiloPort";
    public const string GatewayPort = "Orleans:GatewayPort";
    public const string AdvertisedIp = "Orleans:AdvertisedIP";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    /// <summary>Plain admin key accepted on first start only; only its hash is ever stored.</summary>
    public const string AdminKey = "COWORKER_ADMIN_KEY";
    /// <summary>Master key version 1 (base64 of 32 random bytes) for envelope encryption; silos only, never logged.</summary>
    public const string MasterKey = "COWORKER_MASTER_KEY";
    /// <summary>Section of master keys by version ("1": base64, "2": …), for key rotation; silos only.</summary>
    public const string MasterKeys = "Coworker:MasterKeys";
    /// <summary>The master key version that wraps new and rotated data keys (default: the highest configured).</summary>
    public const string ActiveMasterKeyVersion = "Coworker:ActiveMasterKeyVersion";

    /// <summary>
    /// The Gateway's public MCP URL (e.g. https://coworker.example.com/mcp): the OAuth audience and RFC 9728 resource,
    /// and the only Host and browser Origin /mcp serves besides loopback names of its own port. Default: the address the
    /// Gateway listens on (local runs).
    /// </summary>
    public const string McpCanonicalUrl = "Coworker:Mcp:CanonicalUrl";

    /// <summary>The Gateway's HTTP/2-only gRPC port (docs/grpc.md); 0 turns gRPC off.</summary>
    public const string GrpcPort = "Coworker:Grpc:Port";

    public const string DefaultClusterId = "coworker";
    public const string DefaultServiceId = "coworker";

    public static string RequirePostgres(this Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[PostgresConnection] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"No PostgreSQL connection string: set {PostgresConnection} (environment ConnectionStrings__Postgres).");
}
