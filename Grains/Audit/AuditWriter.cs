using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Npgsql;

namespace Coworker.Audit;

/// <summary>
/// Moves audit events from JetStream into PostgreSQL. Every silo runs one; they share a durable pull consumer
/// with explicit acks, so JetStream spreads events over the silos and re-delivers whatever a crashed silo held.
/// Events are written in batches (<see cref="AuditOptions.BatchSize"/> or <see cref="AuditOptions.BatchWait"/>),
/// one transaction each, and acked only after the commit: an event is never acked without being stored, and one
/// stored twice over a lost ack is recognised by its id.
/// </summary>
public sealed partial class AuditWriter(
    AuditStream stream, AuditBatchStore store, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditWriter> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly AuditOptions _options = options.Value;
    private TimeSpan _writeBackoff = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await stream.EnsureAsync(stoppingToken);
                // No filter subject: the stream holds audit events only (and nats-server 2.9 refuses the filtered
                // create request this client sends when the filter has wildcards).
                var consumer = await stream.JetStream.CreateOrUpdateConsumerAsync(stream.Name, new ConsumerConfig(_options.Consumer)
                {
                    AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    AckWait = _options.AckWait,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                    MaxAckPending = Math.Max(1_000, _options.BatchSize * 20),
                    MaxDeliver = -1,
                    Description = "Coworker audit writers (one per silo): JetStream -> coworker.audit_events",
                }, stoppingToken);
                LogConsuming(stream.Name, _options.Consumer);
                backoff = TimeSpan.FromSeconds(1);
                await ConsumeAsync(consumer, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogConsumerFailed(stream.Name, exception.Message);
                stream.Invalidate();
            }

            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task ConsumeAsync(INatsJSConsumer consumer, CancellationToken stoppingToken)
    {
        var buffer = Channel.CreateBounded<INatsJSMsg<byte[]>>(
            new BoundedChannelOptions(_options.BatchSize * 2) { SingleReader = true, SingleWriter = true });
        using var stopPump = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pump = PumpAsync(consumer, buffer.Writer, stopPump.Token);
        try
        {
            await WriteBatchesAsync(buffer.Reader, stoppingToken);
            await pump; // the pump ended (consumer gone): surface why
            throw new InvalidOperationException("the consumer stopped delivering");
        }
        finally
        {
            await stopPump.CancelAsync();
            await pump.ContinueWith(_ => { }, TaskScheduler.Default);
            // Hand what was fetched but not written straight back, rather than letting it wait out AckWait.
            while (buffer.Reader.TryRead(out var unwritten))
            {
                await unwritten.NakAsync(cancellationToken: CancellationToken.None);
            }
        }
    }

    private async Task PumpAsync(INatsJSConsumer consumer, ChannelWriter<INatsJSMsg<byte[]>> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in consumer.ConsumeAsync<byte[]>(
                opts: new NatsJSConsumeOpts { MaxMsgs = _options.BatchSize * 2 }, cancellationToken: cancellationToken))
            {
                await buffer.WriteAsync(message, cancellationToken);
            }

            buffer.TryComplete();
        }
        catch (Exception exception)
        {
            buffer.TryComplete(exception is OperationCanceledException ? null : exception);
            throw;
        }
    }

    private async Task WriteBatchesAsync(ChannelReader<INatsJSMsg<byte[]>> buffer, CancellationToken stoppingToken)
    {
        var batch = new List<INatsJSMsg<byte[]>>(_options.BatchSize);
        while (await buffer.WaitToReadAsync(stoppingToken))
        {
            var deadline = time.GetTimestamp() + (long)(_options.BatchWait.TotalSeconds * time.TimestampFrequency);
            while (batch.Count < _options.BatchSize)
            {
                if (buffer.TryRead(out var message))
                {
                    batch.Add(message);
                    continue;
                }

                var remaining = time.GetElapsedTime(time.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero || !await WaitAsync(buffer, remaining, stoppingToken))
                {
                    break;
                }
            }

            await WriteAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task<bool> WaitAsync(ChannelReader<INatsJSMsg<byte[]>> buffer, TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(timeout);
        try
        {
            return await buffer.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task WriteAsync(List<INatsJSMsg<byte[]>> messages, CancellationToken stoppingToken)
    {
        var batch = new List<(INatsJSMsg<byte[]> Message, AuditEvent Event)>(messages.Count);
        foreach (var message in messages)
        {
            if (Parse(message) is { } auditEvent)
            {
                batch.Add((message, auditEvent));
            }
            else
            {
                await message.AckTerminateAsync(cancellationToken: CancellationToken.None);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var written = await WriteWithRetryAsync(batch.Select(b => b.Event).ToList(), stoppingToken);
            await AckAsync(batch.Select(b => b.Message));
            _writeBackoff = TimeSpan.FromMilliseconds(500);
            LogBatchWritten(batch.Count, written, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (PostgresException exception) when (IsDataError(exception))
        {
            // One event PostgreSQL refuses must not hold back the others: write them one by one.
            LogBatchRefused(batch.Count, exception.SqlState, exception.MessageText);
            foreach (var (message, auditEvent) in batch)
            {
                await WriteSingleAsync(message, auditEvent, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-batch: nothing was committed; let another silo have these now, not after AckWait.
            foreach (var (message, _) in batch)
            {
                await message.NakAsync(cancellationToken: CancellationToken.None);
            }

            throw;
        }
        catch (Exception exception)
        {
            await BackOffAsync(batch.Select(b => b.Message), exception, stoppingToken);
        }
    }

    private async Task WriteSingleAsync(INatsJSMsg<byte[]> message, AuditEvent auditEvent, CancellationToken stoppingToken)
    {
        try
        {
            await WriteWithRetryAsync([auditEvent], stoppingToken);
            await message.AckAsync(cancellationToken: CancellationToken.None);
        }
        catch (PostgresException exception) when (IsDataError(exception))
        {
            LogEventRefused(auditEvent.Id, auditEvent.Tenant, exception.SqlState, exception.MessageText);
            await message.AckTerminateAsync(cancellationToken: CancellationToken.None);
        }
    }

    // Serialization failures and deadlocks are the database asking for a retry, not a reason to wait.
    private async Task<int> WriteWithRetryAsync(List<AuditEvent> events, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.WriteAsync(events, stoppingToken);
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                LogWriteRetried(exception.SqlState, attempt);
            }
        }
    }

    private async Task BackOffAsync(IEnumerable<INatsJSMsg<byte[]>> messages, Exception exception, CancellationToken stoppingToken)
    {
        LogWriteFailed(exception.GetType().Name, exception.Message, _writeBackoff.TotalSeconds);
        foreach (var message in messages)
        {
            await message.NakAsync(new AckOpts { NakDelay = _writeBackoff }, CancellationToken.None);
        }

        var delay = _writeBackoff;
        _writeBackoff = TimeSpan.FromTicks(Math.Min(_writeBackoff.Ticks * 2, MaxBackoff.Ticks));
        await Task.Delay(delay, time, stoppingToken);
    }

    private static async Task AckAsync(IEnumerable<INatsJSMsg<byte[]>> messages)
    {
        foreach (var message in messages)
        {
            await message.AckAsync(cancellationToken: CancellationToken.None);
        }
    }

    private AuditEvent? Parse(INatsJSMsg<byte[]> message)
    {
        try
        {
            var auditEvent = message.Data is { Length: > 0 } data ? JsonSerializer.Deserialize<AuditEvent>(data, JetStreamAuditLog.Json) : null;
            if (auditEvent is null)
            {
                LogPoison(message.Subject, "empty payload");
                return null;
            }

            var normalized = AuditEventNormalizer.Normalize(auditEvent, time);
            // The subject names the tenant: an event filed under another tenant's subject is refused.
            if (message.Subject != stream.SubjectFor(normalized))
            {
                LogPoison(message.Subject, $"the subject does not match the event's tenant and kind ({normalized.Id})");
                return null;
            }

            return normalized;
        }
        catch (Exception exception) when (exception is JsonException or Common.CoworkerException or NotSupportedException)
        {
            LogPoison(message.Subject, exception.Message);
            return null;
        }
    }

    private static bool IsDataError(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) || exception.SqlState.StartsWith("23", StringComparison.Ordinal);
}
