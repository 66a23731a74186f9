using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Coworker.Audit;

/// <summary>
/// Publishes audit events to JetStream with group commit, and answers each caller once JetStream has acknowledged
/// the message carrying its event. Callers queue their event; one loop drains the queue whenever one of
/// <see cref="AuditOptions.PublishesInFlight"/> publish slots is free and sends one message per tenant (split at
/// <see cref="AuditOptions.MaxEventsPerMessage"/> and <see cref="AuditOptions.MaxMessageBytes"/>). Events recorded
/// while the slots are busy wait for the next round, so a lone event goes at once and batches grow with load: the
/// publish, JetStream's file-store write, the delivery to a writer and its ack are paid per message, not per event.
/// </summary>
public sealed class JetStreamAuditLog : IAuditLog, IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Room left under the server's max_payload for the headers (Nats-Msg-Id, the signature) that travel with the payload.
    private const int HeaderAllowance = 4_096;

    // On shutdown, queued and in-flight events get this long to be acknowledged before they are failed.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly AuditStream _stream;
    private readonly AuditSigner _signer;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<PendingAuditEvent> _queue =
        Channel.CreateUnbounded<PendingAuditEvent>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public JetStreamAuditLog(AuditStream stream, AuditSigner signer, IOptions<AuditOptions> options, TimeProvider time)
    {
        _stream = stream;
        _signer = signer;
        _options = options.Value;
        _time = time;
        _slots = new SemaphoreSlim(_options.PublishesInFlight, _options.PublishesInFlight);
        // On the thread pool, not on the scheduler of whichever grain happened to resolve this singleton first.
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var normalized = AuditEventNormalizer.Normalize(auditEvent, _time);
        var pending = new PendingAuditEvent(normalized, JsonSerializer.SerializeToUtf8Bytes(normalized, Json));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditUnavailableException("The audit log is shutting down; the event was not recorded.");
        }

        // A caller that gives up waiting does not take its event back: it shares a message with others and may
        // still be published and stored.
        await pending.Acknowledged.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops taking events, publishes what is queued, and waits (up to <see cref="StopGrace"/>) for the acks. The
    /// container disposes this singleton after the hosted services, the silo included, have stopped, so grains
    /// that record while deactivating are still heard.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        try
        {
            await _loop.WaitAsync(StopGrace);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
            await _loop;
        }

        var stopped = new AuditUnavailableException("The audit log stopped before the event was published; it was not recorded.");
        while (_queue.Reader.TryRead(out var unpublished))
        {
            unpublished.Acknowledged.TrySetException(stopped);
        }

        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task RunAsync()
    {
        var queue = _queue.Reader;
        try
        {
            while (await queue.WaitToReadAsync(_stopping.Token))
            {
                // Take a slot before draining: whatever arrives while every slot waits for an ack joins this round.
                await _slots.WaitAsync(_stopping.Token);
                var round = new List<PendingAuditEvent>();
                while (queue.TryRead(out var pending))
                {
                    round.Add(pending);
                }

                // Not awaited: the next round may start while this one waits for its acks. It releases its slot.
                _ = PublishRoundAsync(round);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutdown grace exhausted; the rounds in flight see the same token and end promptly.
        }

        // Every slot back: no round is in flight any more.
        for (var slot = 0; slot < _options.PublishesInFlight; slot++)
        {
            await _slots.WaitAsync(CancellationToken.None);
        }
    }

    private async Task PublishRoundAsync(List<PendingAuditEvent> round)
    {
        try
        {
            await _stream.EnsureAsync(_stopping.Token);
            var maxBytes = MaxMessageBytes();
            await Task.WhenAll(AuditMessages.Split(round, _options.MaxEventsPerMessage, maxBytes).Select(PublishAsync));
        }
        catch (Exception exception)
        {
            // The stream could not be ensured (or a bug): nothing of this round was published. TrySet leaves the
            // events of messages already acknowledged alone.
            Fail(round, exception);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task PublishAsync(IReadOnlyList<PendingAuditEvent> events)
    {
        try
        {
            // A lone event keeps the shape every message had before group commit: a JSON object on {tenant}.{kind}
            // with the event id as message id, so JetStream still drops the same event recorded again (AuditRetryQueue)
            // within the duplicate window. A batch gets an id of its own; the writer catches its events' ids if they
            // ever arrive twice.
            var (subject, payload, messageId) = events.Count == 1
                ? (_stream.SubjectFor(events[0].Event), events[0].Json, events[0].Event.Id.ToString("N"))
                : (_stream.BatchSubjectFor(events[0].Event.Tenant), AuditMessages.ArrayOf(events), Guid.NewGuid().ToString("N"));
            // Signed, so that the writers store what a silo published and nothing else that reached the subject.
            var ack = await _stream.JetStream.PublishAsync(
                subject, payload, opts: new NatsJSPubOpts { MsgId = messageId }, headers: _signer.HeadersFor(subject, payload), cancellationToken: _stopping.Token);
            ack.EnsureSuccess();
            Succeed(events);
        }
        catch (NatsJSDuplicateMessageException)
        {
            // Already in the stream under this id: recorded.
            Succeed(events);
        }
        catch (Exception exception)
        {
            Fail(events, exception);
        }
    }

    private int MaxMessageBytes() =>
        _stream.JetStream.Connection.ServerInfo is { MaxPayload: > HeaderAllowance } server
            ? (int)Math.Min(_options.MaxMessageBytes, server.MaxPayload - HeaderAllowance)
            : _options.MaxMessageBytes;

    private static void Succeed(IReadOnlyList<PendingAuditEvent> events)
    {
        foreach (var pending in events)
        {
            pending.Acknowledged.TrySetResult();
        }
    }

    private void Fail(IReadOnlyList<PendingAuditEvent> events, Exception exception)
    {
        var failure = exception switch
        {
            // NATS.Net reports a publish that no stream answers as NatsJSPublishNoResponseException (after its own
            // retries); NatsNoRespondersException comes from the stream request of EnsureAsync.
            NatsNoRespondersException or NatsJSPublishNoResponseException => NoStream(exception),
            OperationCanceledException when _stopping.IsCancellationRequested =>
                new AuditUnavailableException("The audit log stopped before JetStream acknowledged the event; it may not be recorded.", exception),
            // No caller's token reaches a publish (it serves many callers), so a cancellation here is the client's own.
            NatsException or TimeoutException or OperationCanceledException =>
                new AuditUnavailableException($"The audit event was not acknowledged by JetStream: {exception.Message}", exception),
            _ => exception,
        };
        foreach (var pending in events)
        {
            pending.Acknowledged.TrySetException(failure);
        }
    }

    // No stream answers the subject (deleted, or NATS restarted without its storage): create it next time.
    private AuditUnavailableException NoStream(Exception exception)
    {
        _stream.Invalidate();
        return new AuditUnavailableException("The audit stream is not available; the event was not recorded.", exception);
    }
}
