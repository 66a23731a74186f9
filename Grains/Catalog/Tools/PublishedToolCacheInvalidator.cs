using System.Text.Json;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        // Subject: coworker.events.{tenant}.catalog.{action}
        var parts = subject.Split('.');
        if (parts.Length != 5)
        {
            return;
        }

        var tenant = parts[2];
        var tool = parts[4].StartsWith("tool-", StringComparison.Ordinal) ? ToolOf(data) : null;
        if (tool is null)
        {
            cache.EvictTenant(tenant);
        }
        else
        {
            cache.Evict(tenant, tool);
        }
    }

    private static string? ToolOf(byte[]? data)
    {
        try
        {
            return data is { Length: > 0 } ? JsonSerializer.Deserialize<CoworkerEvent>(data, Json)?.EntityId : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog event subscription failed, retrying (tool definitions are re-read at most 10 s late meanwhile): {Reason}")]
    private partial void LogRetry(string reason);
}
