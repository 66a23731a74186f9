using System.Threading.Channels;
using Coworker.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace Coworker.Events;

/// <summary>
/// JetStream publisher with an in-process retry queue. The stream is created (or updated) on first use,
/// so a silo started before NATS still comes up and catches up when NATS does.
/// </summary>
public sealed partial class EventPublisher(NatsClient nats, ILogger<EventPublisher> logger) : BackgroundService, IEventPublisher
{
    public const string StreamName = "COWORKER_EVENTS";

    private readonly Channel<CoworkerEvent> _retries = Channel.CreateUnbounded<CoworkerEvent>();
    private readonly INatsJSContext _jetStream = nats.CreateJetStreamContext();
    private readonly SemaphoreSlim _streamLock = new(1, 1);
    private volatile bool _streamReady;

    public async ValueTask PublishAsync(CoworkerEvent @event, CancellationToken cancellationToken = default)
    {
        try
        {
            await PublishOnceAsync(@event, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishDeferred(@event.Subject, exception.Message);
            _retries.Writer.TryWrite(@event);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var @event in _retries.Reader.ReadAllAsync(stoppingToken))
        {
            var delay = TimeSpan.FromMilliseconds(200);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PublishOnceAsync(@event, stoppingToken);
                    break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogPublishRetry(@event.Subject, exception.Message);
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                }
            }
        }
    }

    private async Task PublishOnceAsync(CoworkerEvent @event, CancellationToken cancellationToken)
    {
        await EnsureStreamAsync(cancellationToken);
        var payload = CoworkerEventJson.Serialize(@event);
        var ack = await _jetStream.PublishAsync(
            @event.Subject, payload, opts: new NatsJSPubOpts { MsgId = @event.Id.ToString("N") }, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
    }

    private async Task EnsureStreamAsync(CancellationToken cancellationToken)
    {
        if (_streamReady)
        {
            return;
        }

        await _streamLock.WaitAsync(cancellationToken);
        try
        {
            if (!_streamReady)
            {
                await _jetStream.CreateOrUpdateStreamAsync(
                    new StreamConfig(StreamName, [CoworkerEvent.SubjectPrefix + ".>"])
                    {
                        Storage = StreamConfigStorage.File,
                        MaxAge = TimeSpan.FromDays(7),
                        DuplicateWindow = TimeSpan.FromMinutes(2),
                    },
                    cancellationToken);
                _streamReady = true;
            }
        }
        finally
        {
            _streamLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Subject} not yet published, will retry: {Reason}")]
    private partial void LogPublishDeferred(string subject, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying event {Subject}: {Reason}")]
    private partial void LogPublishRetry(string subject, string reason);
}
