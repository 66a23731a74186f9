namespace Coworker.Audit;

/// <summary>
/// An audit event could not be handed to the durable pipeline (JetStream unreachable or not acknowledging).
/// The event is not recorded; the caller decides whether to fail the action it was auditing.
/// </summary>
[GenerateSerializer, Alias("Coworker.AuditUnavailableException")]
public sealed class AuditUnavailableException : Exception
{
    public AuditUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
