using Coworker.Audit;

namespace Coworker.Tests.Audit;

internal static class AuditTestEvents
{
    public static AuditEvent ToolCall(string tenant, string tool = "petstore.listPets", string outcome = "ok", string actor = "agent:support-bot",
        DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), tenant, at ?? DateTimeOffset.UtcNow, AuditKinds.ToolCall, actor, tool, outcome,
            new Dictionary<string, string> { ["status"] = "200", ["duration_ms"] = "12" });
}
