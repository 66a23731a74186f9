using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Sums this Gateway's refused credentials per source until the source's audit interval has passed, so that an
/// unauthenticated caller costs at most one append-only audit row per interval (written by
/// <see cref="AuthFailureAuditWriter"/>) instead of one per request. Sources past
/// <see cref="AuthFailureOptions.MaxSources"/> share one "other" summary, so memory stays bounded and every
/// refusal is still counted.
/// </summary>
public sealed class AuthFailureAggregator(IOptions<AuthFailureOptions> options, TimeProvider time)
{
    public const string OtherSources = "other";

    private readonly ConcurrentDictionary<string, AuthFailureSummary> _open = new(StringComparer.Ordinal);

    public void Record(string source, string route, string credential, string reason, string? claimedTenant, bool throttled)
    {
        var now = time.GetUtcNow();
        var key = _open.Count >= options.Value.MaxSources && !_open.ContainsKey(source) ? OtherSources : source;
        while (true)
        {
            var summary = _open.GetOrAdd(key, k => new AuthFailureSummary(k, now));
            lock (summary)
            {
                // A summary taken for writing is out of the map; one found here but already taken is retried.
                if (_open.TryGetValue(key, out var current) && ReferenceEquals(current, summary))
                {
                    summary.Add(now, route, credential, reason, claimedTenant, throttled);
                    return;
                }
            }
        }
    }

    /// <summary>Removes and returns the summaries whose interval has passed (all of them when <paramref name="all"/>).</summary>
    public IReadOnlyList<AuthFailureSummary> TakeDue(bool all = false)
    {
        var now = time.GetUtcNow();
        var due = new List<AuthFailureSummary>();
        foreach (var (source, summary) in _open)
        {
            if (!all && now - summary.First < options.Value.AuditInterval)
            {
                continue;
            }

            lock (summary)
            {
                if (_open.TryRemove(new KeyValuePair<string, AuthFailureSummary>(source, summary)))
                {
                    due.Add(summary);
                }
            }
        }

        return due;
    }
}
