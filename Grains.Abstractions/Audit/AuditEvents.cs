namespace Coworker.Audit;

/// <summary>Builds the audit events that callers outside the silo record through <see cref="IAuditGrain"/>.</summary>
public static class AuditEvents
{
    /// <summary>
    /// A request whose credential was refused. Filed under <see cref="AuditEvent.PlatformTenant"/> (the tenant a
    /// bad key names is only a claim: recording under it would let anyone write into any tenant's chain), with
    /// the claimed tenant in the detail. Never pass the credential itself, nor any part of it.
    /// </summary>
    /// <param name="at">When the request arrived.</param>
    /// <param name="route">What was asked for, e.g. "GET /api/v1/tenants/acme/secrets" or "POST /mcp".</param>
    /// <param name="reason">Why it was refused, e.g. "invalid_key", "malformed_key", "expired_token".</param>
    /// <param name="credentialKind">"admin_key", "tenant_key", "bearer_token", …</param>
    /// <param name="claimedTenant">The tenant the credential names, if any (a claim, not a fact).</param>
    /// <param name="remoteAddress">The client's IP address.</param>
    public static AuditEvent AuthFailure(
        DateTimeOffset at, string route, string reason, string credentialKind, string? claimedTenant = null, string? remoteAddress = null)
    {
        var detail = new Dictionary<string, string> { ["reason"] = reason, ["credential"] = credentialKind };
        if (claimedTenant is { Length: > 0 })
        {
            detail["claimed_tenant"] = claimedTenant;
        }

        if (remoteAddress is { Length: > 0 })
        {
            detail["remote_address"] = remoteAddress;
        }

        return new AuditEvent(Guid.CreateVersion7(), AuditEvent.PlatformTenant, at, AuditKinds.AuthFailure, "anonymous", route, "denied", detail);
    }
}
