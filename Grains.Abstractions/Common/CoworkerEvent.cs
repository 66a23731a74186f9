namespace Coworker.Common;

/// <summary>
/// A lifecycle or catalog event, published on NATS JetStream under
/// <c>coworker.events.{tenant}.{entity}.{action}</c>; the id doubles as the JetStream de-duplication id.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.CoworkerEvent")]
public sealed record CoworkerEvent(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Tenant,
    [property: Id(2)] string Entity,
    [property: Id(3)] string EntityId,
    [property: Id(4)] string Action,
    [property: Id(5)] string Actor,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] IReadOnlyDictionary<string, string> Data)
{
    public const string SubjectPrefix = "coworker.events";

    public string Subject => $"{SubjectPrefix}.{Tenant}.{Entity}.{Action}";
}
