namespace Coworker.Execution;

/// <summary>Limits on upstream calls (configuration section "Coworker:Upstream").</summary>
public sealed class UpstreamOptions
{
    public const string Section = "Coworker:Upstream";

    /// <summary>Whole-call timeout, connect to last byte.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Responses larger than this are refused, not truncated: a partial JSON document is worse than none.</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;
}
