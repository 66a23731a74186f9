namespace Coworker.Audit;

/// <summary>
/// An event waiting in <see cref="JetStreamAuditLog"/>'s queue: normalised, already serialised (on the caller's
/// thread, so the publishing loop only concatenates), and the completion its caller awaits.
/// </summary>
public sealed class PendingAuditEvent(AuditEvent auditEvent, byte[] json)
{
    public AuditEvent Event { get; } = auditEvent;

    /// <summary>The event as a JSON object: a single-event message's whole payload, or one element of a batch.</summary>
    public byte[] Json { get; } = json;

    /// <summary>
    /// Completed once JetStream has acknowledged the message carrying the event. Continuations run asynchronously
    /// so that completing a batch's events does not run every caller's continuation on the publishing loop.
    /// </summary>
    public TaskCompletionSource Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
