using Coworker.Common;
using Coworker.Gateway.Authentication;
using Coworker.Gateway.Mcp;
using Coworker.ServiceDefaults;
using NATS.Client.Core;
using NATS.Net;

namespace Coworker.Gateway.Events;

/// <summary>
/// The Gateway's one subscription to the events the grains publish (coworker.events.{tenant}.{entity}.{action}):
/// a catalog change that alters tool lists sends notifications/tools/list_changed to that tenant's MCP sessions
/// here, and any agent or tenant event drops the affected keys from <see cref="AgentKeyCache"/>.
/// Without a NATS URL it stays idle: sessions are not notified and cached keys simply expire.
/// </summary>
public sealed partial class GatewayEventListener(
    IConfiguration configuration, McpSessionRegistry sessions, AgentKeyCache agentKeys, ILogger<GatewayEventListener> logger) : BackgroundService
{
    private static readonly HashSet<string> ListChangingActions = new(StringComparer.Ordinal)
    {
        "tool-published", "tool-unpublished", "tool-deprecated", "tool-removed", "grants-changed",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration[ConfigKeys.NatsConnection] is not { Length: > 0 } url)
        {
            LogDisabled();
            return;
        }

        await using var nats = new NatsClient(new NatsOpts { Url = url, Name = "coworker-gateway" });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in nats.SubscribeAsync<byte[]>($"{CoworkerEvent.SubjectPrefix}.*.*.*", cancellationToken: stoppingToken))
                {
                    await ApplyAsync(message.Subject, message.Data, stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRetry(exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task ApplyAsync(string subject, byte[]? data, CancellationToken cancellationToken)
    {
        if (subject.Split('.') is not [_, _, var tenant, var entity, var action])
        {
            return;
        }

        switch (entity)
        {
            case "catalog" when ListChangingActions.Contains(action):
                await sessions.NotifyToolListChangedAsync(tenant, cancellationToken);
                break;
            case "agent" when CoworkerEventJson.TryParse(data) is { } changed:
                agentKeys.EvictAgent(tenant, changed.EntityId);
                break;
            case "tenant":
                agentKeys.EvictTenant(tenant);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No NATS URL configured: MCP sessions will not be told when their tool lists change, and cached agent keys only expire.")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event subscription failed, retrying (cached agent keys expire within 5 s meanwhile): {Reason}")]
    private partial void LogRetry(string reason);
}
