using Coworker.Gateway.Events;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// Listens to the catalog events the grains publish (coworker.events.{tenant}.catalog.*) and sends
/// notifications/tools/list_changed to that tenant's MCP sessions on this Gateway.
/// </summary>
public sealed partial class ToolListChangeNotifier(GatewayNats nats, McpSessionRegistry sessions, ILogger<ToolListChangeNotifier> logger)
    : BackgroundService
{
    private static readonly HashSet<string> ListChangingActions = new(StringComparer.Ordinal)
    {
        "tool-published", "tool-unpublished", "tool-deprecated", "tool-removed", "grants-changed",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (nats.Client is not { } client)
        {
            LogDisabled();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in client.SubscribeAsync<byte[]>("coworker.events.*.catalog.*", cancellationToken: stoppingToken))
                {
                    // Subject: coworker.events.{tenant}.catalog.{action}
                    var parts = message.Subject.Split('.');
                    if (parts.Length == 5 && ListChangingActions.Contains(parts[4]))
                    {
                        await sessions.NotifyToolListChangedAsync(parts[2], stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "No NATS URL configured: MCP sessions will not be told when their tool lists change.")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog event subscription failed, retrying: {Reason}")]
    private partial void LogRetry(string reason);
}
