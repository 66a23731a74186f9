namespace Coworker.Catalog;

/// <summary>
/// The <see cref="ToolCallResult.Outcome"/> values of calls that did not reach the upstream; the others are the
/// upstream executor's (ok, http_error, timeout, blocked, too_large, credential_missing, credential_not_approved, circuit_open, error).
/// </summary>
public static class ToolCallOutcomes
{
    public const string Denied = "denied";
    public const string RateLimited = "rate_limited";
    public const string QuotaExhausted = "quota_exhausted";
    public const string NotPublished = "not_published";
    public const string InvalidArguments = "invalid_arguments";
}
