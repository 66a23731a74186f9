using Coworker.Common;
using Coworker.Gateway.Events;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Forgets an agent's cached keys (<see cref="AgentKeyCache"/>) when any event about that agent arrives
/// (coworker.events.{tenant}.agent.{action}: suspended, terminated, key-revoked, …), and all of a tenant's when
/// an event about the tenant arrives (disabled, …), wherever the change was made.
/// </summary>
public sealed partial class AgentKeyCacheInvalidator(GatewayNats nats, AgentKeyCache cache, ILogger<AgentKeyCacheInvalidator> logger) : BackgroundService
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (nats.Client is not { } client)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Subject: coworker.events.{tenant}.{entity}.{action}; only agent and tenant events matter here.
                await foreach (var message in client.SubscribeAsync<byte[]>($"{CoworkerEvent.SubjectPrefix}.*.*.*", cancellationToken: stoppingToken))
                {
                    var entity = message.Subject.Split('.') is { Length: 5 } parts ? parts[3] : null;
                    if (entity is "agent" or "tenant" && Parse(message.Data) is { } changed)
                    {
                        if (entity == "agent")
                        {
                            cache.EvictAgent(changed.Tenant, changed.EntityId);
                        }
                        else
                        {
                            cache.EvictTenant(changed.Tenant);
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRetry(exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private static CoworkerEvent? Parse(byte[]? data)
    {
        try
        {
            return data is { Length: > 0 } ? System.Text.Json.JsonSerializer.Deserialize<CoworkerEvent>(data, Json) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent event subscription failed, retrying (cached agent keys expire within 5 s meanwhile): {Reason}")]
    private partial void LogRetry(string reason);
}
