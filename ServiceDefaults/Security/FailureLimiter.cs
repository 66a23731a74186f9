using System.Collections.Concurrent;

namespace Coworker.ServiceDefaults.Security;

/// <summary>
/// Counts failed attempts (a refused API key, a wrong Studio admin key) per source, in a fixed window that opens
/// with a source's first failure, and refuses that source once it has failed <c>maxFailures</c> times, until its
/// window closes. Sources are independent: one source's failures never hold back another. In-process on purpose:
/// the check runs before any key lookup, so it must cost no grain call; N Gateways behind a balancer therefore
/// allow a source up to N × the limit (docs/architecture.md).
/// Memory is bounded: past <c>maxSources</c> live windows, expired ones are swept, and if all are live a new
/// source is let through uncounted rather than crowding out the sources already being limited.
/// </summary>
public sealed class FailureLimiter(int maxFailures, TimeSpan window, TimeProvider time, int maxSources = 100_000)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public int MaxFailures => maxFailures;

    /// <summary>How long <paramref name="source"/> must wait before it may try again, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(string source)
    {
        if (!_windows.TryGetValue(source, out var current))
        {
            return null;
        }

        lock (current)
        {
            var left = current.OpenedAt + window - time.GetUtcNow();
            return current.Failures >= maxFailures && left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>Counts one failure of <paramref name="source"/>; true when it is the one that reaches the limit.</summary>
    public bool RecordFailure(string source)
    {
        var now = time.GetUtcNow();
        if (!_windows.TryGetValue(source, out var current))
        {
            if (_windows.Count >= maxSources)
            {
                Sweep(now);
                if (_windows.Count >= maxSources)
                {
                    return false;
                }
            }

            current = _windows.GetOrAdd(source, _ => new Window { OpenedAt = now });
        }

        lock (current)
        {
            if (now - current.OpenedAt >= window)
            {
                current.OpenedAt = now;
                current.Failures = 0;
            }

            current.Failures++;
            return current.Failures == maxFailures;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (source, entry) in _windows)
        {
            if (now - entry.OpenedAt >= window)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(source, entry));
            }
        }
    }

    private sealed class Window
    {
        public DateTimeOffset OpenedAt { get; set; }

        public int Failures { get; set; }
    }
}
