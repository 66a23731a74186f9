using System.Diagnostics;
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
/// A message carries one event or, since group commit, several of one tenant (<see cref="AuditMessageReader"/>).
/// Events are written in batches (<see cref="AuditOptions.BatchSize"/> events or <see cref="AuditOptions.BatchWait"/>)
/// of whole messages, one transaction each, and a message is acked only after all its events are committed: an event
/// is never acked without being stored, and one stored twice over a lost ack is recognised by its id. A message no
/// silo signed (<see cref="AuditSigner"/>) is dropped unread.
/// </summary>
public sealed partial class AuditWriter(
    AuditStream stream, AuditSigner signer, AuditBatchStore store, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // Messages pulled ahead of the writer (and as many again buffered): bounded in messages because a batch
    // message may carry up to MaxEventsPerMessage events, so a count in events' terms would hold hundreds of MB
    // of a backlog in memory. Pulls keep flowing while a batch fills, so single-event messages still fill one.
    private const int PrefetchMessages = 64;

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
        var buffer = Channel.CreateBounded<Delivery>(
            new BoundedChannelOptions(PrefetchMessages) { SingleReader = true, SingleWriter = true });
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
                await unwritten.Message.NakAsync(cancellationToken: CancellationToken.None);
            }
        }
    }

    // Reads each message as it arrives, so that batches can be cut by events and unreadable messages go at once.
    private async Task PumpAsync(INatsJSConsumer consumer, ChannelWriter<Delivery> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in consumer.ConsumeAsync<byte[]>(
                opts: new NatsJSConsumeOpts { MaxMsgs = PrefetchMessages }, cancellationToken: cancellationToken))
            {
                // Only what a silo signed is stored: anyone else allowed to publish on the subject is acked and
                // dropped here, before the payload is even read, so a forged event never joins a tenant's chain.
                if (signer.Problem(message.Subject, message.Data, message.Headers) is { } unsigned)
                {
                    LogUnsigned(message.Subject, unsigned);
                    AuditWriterMetrics.Unauthenticated.Add(1);
                    await message.AckAsync(cancellationToken: CancellationToken.None);
                }
                else if (AuditMessageReader.Read(message.Subject, message.Data, stream, time, out var problem) is { } events)
                {
                    await buffer.WriteAsync(new Delivery(message, events), cancellationToken);
                }
                else
                {
                    LogPoison(message.Subject, problem);
                    await message.AckTerminateAsync(cancellationToken: CancellationToken.None);
                }
            }

            buffer.TryComplete();
        }
        catch (Exception exception)
        {
            buffer.TryComplete(exception is OperationCanceledException ? null : exception);
            throw;
        }
    }

    private async Task WriteBatchesAsync(ChannelReader<Delivery> buffer, CancellationToken stoppingToken)
    {
        var batch = new List<Delivery>();
        while (await buffer.WaitToReadAsync(stoppingToken))
        {
            var deadline = time.GetTimestamp() + (long)(_options.BatchWait.TotalSeconds * time.TimestampFrequency);
            var events = 0;
            while (events < _options.BatchSize)
            {
                if (buffer.TryPeek(out var next))
                {
                    // Whole messages only, so a message is acked after one commit. One larger than BatchSize
                    // (a publisher whose MaxEventsPerMessage is higher) is a batch of its own.
                    if (events > 0 && events + next.Events.Count > _options.BatchSize)
                    {
                        break;
                    }

                    buffer.TryRead(out _);
                    batch.Add(next);
                    events += next.Events.Count;
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

    private async Task<bool> WaitAsync(ChannelReader<Delivery> buffer, TimeSpan timeout, CancellationToken stoppingToken)
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

    private async Task WriteAsync(List<Delivery> batch, CancellationToken stoppingToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var events = batch.SelectMany(d => d.Events).ToList();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var written = await WriteWithRetryAsync(events, stoppingToken);
            await AckAsync(batch.Select(d => d.Message));
            _writeBackoff = TimeSpan.FromMilliseconds(500);
            LogBatchWritten(events.Count, batch.Count, written, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (PostgresException exception) when (IsDataError(exception))
        {
            // One event PostgreSQL refuses must not hold back the others: write them one by one.
            LogBatchRefused(events.Count, exception.SqlState, exception.MessageText);
            foreach (var delivery in batch)
            {
                await WriteOneByOneAsync(delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-batch: nothing was committed; let another silo have these now, not after AckWait.
            foreach (var delivery in batch)
            {
                await delivery.Message.NakAsync(cancellationToken: CancellationToken.None);
            }

            throw;
        }
        catch (Exception exception)
        {
            await BackOffAsync(batch.Select(d => d.Message), exception, stoppingToken);
        }
    }

    // The message is settled only once each of its events is stored or refused on its own; one whose every event
    // was refused is terminated, as a refused single event always was.
    private async Task WriteOneByOneAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        var refused = 0;
        foreach (var auditEvent in delivery.Events)
        {
            try
            {
                await WriteWithRetryAsync([auditEvent], stoppingToken);
            }
            catch (PostgresException exception) when (IsDataError(exception))
            {
                LogEventRefused(auditEvent.Id, auditEvent.Tenant, exception.SqlState, exception.MessageText);
                refused++;
            }
        }

        if (refused == delivery.Events.Count)
        {
            await delivery.Message.AckTerminateAsync(cancellationToken: CancellationToken.None);
        }
        else
        {
            await delivery.Message.AckAsync(cancellationToken: CancellationToken.None);
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

    private static bool IsDataError(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) || exception.SqlState.StartsWith("23", StringComparison.Ordinal);

    /// <summary>A message fetched from the stream and the events read out of it.</summary>
    private sealed record Delivery(INatsJSMsg<byte[]> Message, IReadOnlyList<AuditEvent> Events);
}
