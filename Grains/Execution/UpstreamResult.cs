using Coworker.Catalog;

namespace Coworker.Execution;

/// <summary>What an upstream call produced; <see cref="Outcome"/> is one of <see cref="UpstreamOutcome"/>.</summary>
public sealed record UpstreamResult(
    RecordedRequest Request,
    int? Status,
    string? ContentType,
    string? Body,
    long LatencyMs,
    string Outcome,
    string? Error)
{
    public bool IsSuccess => Outcome == UpstreamOutcome.Ok;
}

public static class UpstreamOutcome
{
    public const string Ok = "ok";
    public const string HttpError = "http_error";
    public const string Timeout = "timeout";
    public const string Blocked = "blocked";
    public const string TooLarge = "too_large";
    public const string InvalidArguments = ToolCallOutcomes.InvalidArguments;
    public const string CredentialMissing = "credential_missing";
    /// <summary>The credential is not approved for the request's host: nothing was sent.</summary>
    public const string CredentialNotApproved = "credential_not_approved";
    public const string CircuitOpen = "circuit_open";
    public const string Error = "error";
}
