namespace Coworker.Common;

/// <summary>
/// The RequestContext keys under which the Gateway stamps who is calling. Grains read the actor for
/// events and audit; the silo's incoming call filter checks the stamp against grain-owned state.
/// </summary>
public static class CallerContext
{
    /// <summary>e.g. "admin", "user:alice", "agent:support-bot".</summary>
    public const string ActorKey = "coworker.actor";

    /// <summary>The tenant the caller authenticated for; empty for platform admins.</summary>
    public const string TenantKey = "coworker.tenant";

    public static string CurrentActor => RequestContext.Get(ActorKey) as string ?? "system";
}
