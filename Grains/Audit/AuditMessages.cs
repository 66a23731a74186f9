namespace Coworker.Audit;

/// <summary>
/// How <see cref="JetStreamAuditLog"/> cuts what it drained from its queue into JetStream messages: one tenant per
/// message (the tenant is a token of every audit subject), at most a number of events and bytes per message, the
/// events of a tenant in the order they were recorded.
/// </summary>
public static class AuditMessages
{
    /// <summary>Groups <paramref name="drained"/> by tenant and splits each group at the caps; a lone event larger than <paramref name="maxBytes"/> still gets its own message.</summary>
    public static IEnumerable<IReadOnlyList<PendingAuditEvent>> Split(IReadOnlyList<PendingAuditEvent> drained, int maxEvents, int maxBytes)
    {
        foreach (var tenant in drained.GroupBy(p => p.Event.Tenant, StringComparer.Ordinal))
        {
            var message = new List<PendingAuditEvent>();
            var bytes = 1; // the opening '['
            foreach (var pending in tenant)
            {
                if (message.Count > 0 && (message.Count == maxEvents || bytes + pending.Json.Length + 1 > maxBytes))
                {
                    yield return message;
                    message = [];
                    bytes = 1;
                }

                message.Add(pending);
                bytes += pending.Json.Length + 1; // the element and the ',' or ']' after it
            }

            yield return message;
        }
    }

    /// <summary>The payload of a batch: its events' JSON objects as one JSON array.</summary>
    public static byte[] ArrayOf(IReadOnlyList<PendingAuditEvent> events)
    {
        var payload = new byte[1 + events.Sum(e => e.Json.Length + 1)];
        payload[0] = (byte)'[';
        var at = 1;
        foreach (var pending in events)
        {
            pending.Json.CopyTo(payload, at);
            at += pending.Json.Length;
            payload[at++] = (byte)',';
        }

        payload[^1] = (byte)']';
        return payload;
    }
}
