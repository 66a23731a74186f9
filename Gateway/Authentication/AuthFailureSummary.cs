using Coworker.Audit;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// The refused credentials of one source during one audit interval: how many, when the first and the last came,
/// and a bounded sample of what they were (credential kinds, reasons, claimed tenants, routes). Never the
/// credentials themselves. Mutable, guarded by the aggregator's lock on it.
/// </summary>
public sealed class AuthFailureSummary(string source, DateTimeOffset first)
{
    /// <summary>Distinct values kept per attribute; more are counted in "…_more" but not listed.</summary>
    public const int MaxDistinct = 8;

    private readonly SortedSet<string> _credentials = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _reasons = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tenants = new(StringComparer.Ordinal);
    private readonly List<string> _routes = [];
    private bool _moreTenants;
    private bool _moreRoutes;

    public string Source { get; } = source;

    public DateTimeOffset First { get; } = first;

    public DateTimeOffset Last { get; private set; } = first;

    public long Count { get; private set; }

    /// <summary>Of <see cref="Count"/>, the attempts answered 429 without their credential being looked at.</summary>
    public long Throttled { get; private set; }

    public void Add(DateTimeOffset at, string route, string credential, string reason, string? claimedTenant, bool throttled)
    {
        Count++;
        Throttled += throttled ? 1 : 0;
        Last = at > Last ? at : Last;
        AddBounded(_credentials, credential);
        AddBounded(_reasons, reason);
        if (claimedTenant is { Length: > 0 } && !AddBounded(_tenants, claimedTenant))
        {
            _moreTenants = true;
        }

        if (!_routes.Contains(route, StringComparer.Ordinal))
        {
            if (_routes.Count < MaxDistinct)
            {
                _routes.Add(route.Length > 200 ? route[..200] : route);
            }
            else
            {
                _moreRoutes = true;
            }
        }
    }

    /// <summary>The audit event: filed under the platform (a claimed tenant is only a claim), as anonymous, denied.</summary>
    public AuditEvent ToAuditEvent()
    {
        var detail = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["count"] = Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["throttled"] = Throttled.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["first_at"] = First.UtcDateTime.ToString("O"),
            ["last_at"] = Last.UtcDateTime.ToString("O"),
            ["credential"] = string.Join(",", _credentials),
            ["reason"] = string.Join(",", _reasons),
            ["remote_address"] = Source,
            ["routes"] = string.Join(" | ", _routes) + (_moreRoutes ? " | …" : ""),
        };
        if (_tenants.Count > 0)
        {
            detail["claimed_tenant"] = string.Join(",", _tenants) + (_moreTenants ? ",…" : "");
        }

        // The target names the route when there was one, as a single refusal's row always did. The row is dated by
        // its last refusal, so "auth failures from T on" (?from=T) finds every row holding a refusal at or after T.
        var target = _routes.Count == 1 && !_moreRoutes ? _routes[0] : "several routes";
        return new AuditEvent(Guid.CreateVersion7(), AuditEvent.PlatformTenant, Last, AuditKinds.AuthFailure, "anonymous", target, "denied", detail);
    }

    private static bool AddBounded(SortedSet<string> set, string value) =>
        set.Contains(value) || (set.Count < MaxDistinct && set.Add(value));
}
