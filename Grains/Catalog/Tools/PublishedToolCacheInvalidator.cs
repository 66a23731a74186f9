using Coworker.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Net;

namespace Coworker.Catalog.Tools;

/// <summary>
/// Drops <see cref="PublishedToolCache"/> entries when another silo changes a tool: listens to the catalog events
/// (coworker.events.{tenant}.catalog.{action}) every tool grain publishes after it commits.
/// </summary>
public sealed partial class PublishedToolCacheInvalidator(NatsClient nats, PublishedToolCache cache, ILogger<PublishedToolCacheInvalidator> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in nats.SubscribeAsync<byte[]>($"{CoworkerEvent.SubjectPrefix}.*.catalog.*", cancellationToken: stoppingToken))
                {
                    Apply(message.Subject, message.Data);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRetry(exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private void Apply(string subject, byte[]? data)
    {
        if (subject.Split('.') is not [_, _, var tenant, _, var action])
        {
            return;
        }

        // A tool event names its tool; anything else (an import, a grant change) drops the tenant's entries.
        if (action.StartsWith("tool-", StringComparison.Ordinal) && CoworkerEventJson.TryParse(data)?.EntityId is { } tool)
        {
            cache.Evict(tenant, tool);
        }
        else
        {
            cache.EvictTenant(tenant);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog event subscription failed, retrying (tool definitions are re-read at most 10 s late meanwhile): {Reason}")]
    private partial void LogRetry(string reason);
}
