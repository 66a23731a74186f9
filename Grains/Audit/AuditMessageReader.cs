using System.Text.Json;
using Coworker.Common;

namespace Coworker.Audit;

/// <summary>
/// Reads the events out of one message of the audit stream. Two shapes: one event as a JSON object on
/// {prefix}.{tenant}.{kind} (every message from before group commit, and every lone event since), or several events
/// of one tenant as a JSON array on {prefix}.{tenant}._batch (<see cref="JetStreamAuditLog"/>). The subject names
/// the tenant, and the tenant is what the events are filed under, so a message whose events do not all belong to
/// its subject's tenant is refused whole: the publisher never writes one, so it is forged or corrupt.
/// </summary>
public static class AuditMessageReader
{
    /// <summary>The message's events, normalised; null with <paramref name="problem"/> set when it is unreadable.</summary>
    public static IReadOnlyList<AuditEvent>? Read(
        string subject, byte[]? data, AuditStream stream, TimeProvider time, out string problem)
    {
        try
        {
            (var events, problem) = IsArray(data) ? ReadBatch(subject, data!, stream, time) : ReadSingle(subject, data, stream, time);
            return events;
        }
        catch (Exception exception) when (exception is JsonException or CoworkerException or NotSupportedException)
        {
            problem = exception.Message;
            return null;
        }
    }

    private static (IReadOnlyList<AuditEvent>? Events, string Problem) ReadSingle(string subject, byte[]? data, AuditStream stream, TimeProvider time)
    {
        var auditEvent = data is { Length: > 0 } ? JsonSerializer.Deserialize<AuditEvent>(data, JetStreamAuditLog.Json) : null;
        if (auditEvent is null)
        {
            return (null, "empty payload");
        }

        var normalized = AuditEventNormalizer.Normalize(auditEvent, time);
        if (subject != stream.SubjectFor(normalized))
        {
            return (null, $"the subject does not match the event's tenant and kind ({normalized.Id})");
        }

        return ([normalized], "");
    }

    private static (IReadOnlyList<AuditEvent>? Events, string Problem) ReadBatch(string subject, byte[] data, AuditStream stream, TimeProvider time)
    {
        var events = JsonSerializer.Deserialize<List<AuditEvent?>>(data, JetStreamAuditLog.Json);
        if (events is not { Count: > 0 } || events.Contains(null))
        {
            return (null, "an empty batch, or a batch with an empty event");
        }

        var normalized = events.Select(e => AuditEventNormalizer.Normalize(e!, time)).ToList();
        if (normalized.FirstOrDefault(e => subject != stream.BatchSubjectFor(e.Tenant)) is { } stray)
        {
            return (null, $"the subject does not match the tenant of every event in the batch ({stray.Id} of {stray.Tenant})");
        }

        return (normalized, "");
    }

    // JSON may start with whitespace; the first other byte tells an array from an object.
    private static bool IsArray(byte[]? data) =>
        data is not null && data.FirstOrDefault(b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) == (byte)'[';
}
