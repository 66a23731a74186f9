namespace Coworker.Gateway.Authentication;

/// <summary>How the Gateway limits and audits refused credentials (configuration section "Coworker:AuthFailures").</summary>
public sealed class AuthFailureOptions
{
    public const string Section = "Coworker:AuthFailures";

    /// <summary>Refused credentials a source may present per <see cref="Window"/> before it is answered 429.</summary>
    public int MaxFailuresPerWindow { get; set; } = 30;

    /// <summary>The limit's window; it opens with a source's first refused credential.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A source's refusals are summed for this long, then written as one auth_failure audit row (count, first and
    /// last time, kinds of failure); so a source costs at most one row per interval per Gateway, however fast it tries.
    /// </summary>
    public TimeSpan AuditInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Distinct sources tracked at once, by the limit and by the audit summaries each (bounds memory).</summary>
    public int MaxSources { get; set; } = 100_000;

    public bool IsValid() =>
        MaxFailuresPerWindow > 0 && Window > TimeSpan.Zero && AuditInterval > TimeSpan.Zero && MaxSources > 0;
}
