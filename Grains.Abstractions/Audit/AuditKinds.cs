namespace Coworker.Audit;

/// <summary>The values of <see cref="AuditEvent.Kind"/> (also the last token of the event's NATS subject).</summary>
public static class AuditKinds
{
    public const string ToolCall = "tool_call";
    public const string ToolDenied = "tool_denied";
    public const string SecretUse = "secret_use";
    public const string AuthFailure = "auth_failure";
    public const string AdminChange = "admin_change";
    public const string RateLimited = "rate_limited";
    public const string QuotaExhausted = "quota_exhausted";
}
