using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Coworker.Audit;

/// <summary>
/// Publishes audit events to JetStream as JSON with the event id as message id (JetStream drops a re-publish of
/// the same id within the duplicate window) and waits for the acknowledgement.
/// </summary>
public sealed class JetStreamAuditLog(AuditStream stream, TimeProvider time) : IAuditLog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        var normalized = AuditEventNormalizer.Normalize(auditEvent, time);
        var payload = JsonSerializer.SerializeToUtf8Bytes(normalized, Json);
        try
        {
            await stream.EnsureAsync(cancellationToken);
            var ack = await stream.JetStream.PublishAsync(
                stream.SubjectFor(normalized), payload,
                opts: new NatsJSPubOpts { MsgId = normalized.Id.ToString("N") },
                cancellationToken: cancellationToken);
            ack.EnsureSuccess();
        }
        catch (NatsJSDuplicateMessageException)
        {
            // Already in the stream under this id: recorded.
        }
        catch (NatsNoRespondersException exception)
        {
            // No stream answers the subject (deleted, or NATS restarted without its storage): create it next time.
            stream.Invalidate();
            throw new AuditUnavailableException("The audit stream is not available; the event was not recorded.", exception);
        }
        catch (Exception exception) when (exception is NatsException or TimeoutException)
        {
            throw new AuditUnavailableException($"The audit event was not acknowledged by JetStream: {exception.Message}", exception);
        }
    }
}
