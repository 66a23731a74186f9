using Coworker.Grpc.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Coworker.Client;

/// <summary>
/// The Coworker gRPC API for one tenant: <see cref="Tools"/>, <see cref="Agents"/>, <see cref="Audit"/> and
/// <see cref="Usage"/> and <see cref="Imports"/>. Thread-safe; create one and share it (or resolve it through <c>AddCoworkerClient</c>).
/// Failures are <see cref="CoworkerException"/> subclasses; cancellation is <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class CoworkerClient : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;

    /// <summary>Opens a channel to <see cref="CoworkerClientOptions.Address"/> carrying the API key, with read retries.</summary>
    /// <param name="options">Address, API key, tenant and deadline.</param>
    /// <exception cref="ArgumentException">The address or tenant is missing.</exception>
    public CoworkerClient(CoworkerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Address is null)
        {
            throw new ArgumentException("CoworkerClientOptions.Address is required (the Gateway's gRPC address).", nameof(options));
        }

        _ownedChannel = GrpcChannel.ForAddress(options.Address, CreateChannelOptions(options));
        (Tools, Agents, Audit, Usage, Imports) = Create(WithKey(_ownedChannel, options.ApiKey), Settings(options));
    }

    /// <summary>
    /// Uses a channel the caller configured (TLS, handlers, its own service config); the caller keeps owning it.
    /// </summary>
    /// <param name="channel">The channel to the Gateway's gRPC port.</param>
    /// <param name="tenant">The tenant every call is about.</param>
    /// <param name="apiKey">The key sent as <c>Authorization: Bearer</c>; null when the channel already sends one.</param>
    /// <param name="timeout">The deadline of each unary call; null for none.</param>
    public CoworkerClient(GrpcChannel channel, string tenant, string? apiKey = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        (Tools, Agents, Audit, Usage, Imports) = Create(WithKey(channel, apiKey), Settings(new CoworkerClientOptions { Tenant = tenant, Timeout = timeout }));
    }

    internal CoworkerClient(ToolService.ToolServiceClient tools, ToolCallService.ToolCallServiceClient calls, AgentService.AgentServiceClient agents,
        AuditService.AuditServiceClient audit, UsageService.UsageServiceClient usage, ImportService.ImportServiceClient imports,
        CoworkerClientOptions options)
    {
        var settings = Settings(options);
        Tools = new ToolsClient(tools, calls, settings);
        Agents = new AgentsClient(agents, settings);
        Audit = new AuditClient(audit, settings);
        Usage = new UsageClient(usage, settings);
        Imports = new ImportsClient(imports, settings);
    }

    /// <summary>Tools: list, get, search, and the governed call.</summary>
    public ToolsClient Tools { get; }

    /// <summary>Agents: list, get, start, stop, and their keys.</summary>
    public AgentsClient Agents { get; }

    /// <summary>The audit log: query and follow.</summary>
    public AuditClient Audit { get; }

    /// <summary>Call usage against quotas.</summary>
    public UsageClient Usage { get; }

    /// <summary>Imports of API descriptions: start, get, watch.</summary>
    public ImportsClient Imports { get; }

    /// <summary>Closes the channel this client opened (not one passed in).</summary>
    public void Dispose() => _ownedChannel?.Dispose();

    /// <summary>The channel options <see cref="CoworkerClient(CoworkerClientOptions)"/> and <c>AddCoworkerClient</c> use.</summary>
    internal static GrpcChannelOptions CreateChannelOptions(CoworkerClientOptions options) => new()
    {
        // Not ThrowOperationCanceledOnCancellation: it turns a passed deadline into OperationCanceledException too,
        // while callers need to tell their own cancellation (OperationCanceledException) from a deadline
        // (CoworkerException with DeadlineExceeded); CoworkerErrors.Map makes that distinction.
        ServiceConfig = CoworkerServiceConfig.Create(options.MaxReadAttempts),
    };

    private static CallSettings Settings(CoworkerClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Tenant))
        {
            throw new ArgumentException("CoworkerClientOptions.Tenant is required.", nameof(options));
        }

        return new CallSettings(options.Tenant, options.Timeout);
    }

    private static CallInvoker WithKey(GrpcChannel channel, string? apiKey) =>
        apiKey is null ? channel.CreateCallInvoker() : channel.Intercept(new BearerInterceptor(apiKey));

    private static (ToolsClient, AgentsClient, AuditClient, UsageClient, ImportsClient) Create(CallInvoker invoker, CallSettings settings) =>
    (
        new ToolsClient(new ToolService.ToolServiceClient(invoker), new ToolCallService.ToolCallServiceClient(invoker), settings),
        new AgentsClient(new AgentService.AgentServiceClient(invoker), settings),
        new AuditClient(new AuditService.AuditServiceClient(invoker), settings),
        new UsageClient(new UsageService.UsageServiceClient(invoker), settings),
        new ImportsClient(new ImportService.ImportServiceClient(invoker), settings)
    );
}
