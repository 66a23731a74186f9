using Coworker.ServiceDefaults;
using NATS.Client.Core;
using NATS.Net;

namespace Coworker.Gateway.Events;

/// <summary>
/// The Gateway's one NATS connection, for listening to the events the grains publish (tool-list changes, agent
/// changes). Null when no NATS URL is configured: listeners then stay idle and caches rely on their lifetimes.
/// </summary>
public sealed class GatewayNats(IConfiguration configuration) : IAsyncDisposable
{
    public NatsClient? Client { get; } = configuration[ConfigKeys.NatsConnection] is { Length: > 0 } url
        ? new NatsClient(new NatsOpts { Url = url, Name = "coworker-gateway" })
        : null;

    public ValueTask DisposeAsync() => Client?.DisposeAsync() ?? ValueTask.CompletedTask;
}
