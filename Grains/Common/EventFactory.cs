using Coworker.Common;

namespace Coworker.Common;

/// <summary>Builds events stamped with the caller the Gateway put in RequestContext.</summary>
public static class EventFactory
{
    public static CoworkerEvent Create(
        TimeProvider time, string tenant, string entity, string entityId, string action, IReadOnlyDictionary<string, string>? data = null) =>
        new(Guid.CreateVersion7(), tenant, entity, entityId, action, CallerContext.CurrentActor, time.GetUtcNow(),
            data ?? new Dictionary<string, string>());
}
