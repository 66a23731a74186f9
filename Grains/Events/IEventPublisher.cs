using Coworker.Common;

namespace Coworker.Events;

/// <summary>Publishes platform events to NATS JetStream; grains call it after their state is written.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Publishes and waits for the JetStream acknowledgement. If NATS cannot be reached the event is kept
    /// and retried in the background (same message id, so JetStream drops the duplicate if both arrive);
    /// the grain's change, already persisted, is not undone by a messaging outage.
    /// </summary>
    ValueTask PublishAsync(CoworkerEvent @event, CancellationToken cancellationToken = default);
}
