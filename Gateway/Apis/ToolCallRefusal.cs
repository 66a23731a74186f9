namespace Coworker.Gateway.Apis;

/// <summary>
/// A tool call the pipeline refused: its HTTP status, its problem type's last segment (urn:coworker:error:{Reason}),
/// the caller-safe message and, for a used-up rate limit or quota, when to retry.
/// </summary>
public sealed record ToolCallRefusal(int Status, string Reason, string Detail, TimeSpan? RetryAfter)
{
    public string Type => $"urn:coworker:error:{Reason}";
}
