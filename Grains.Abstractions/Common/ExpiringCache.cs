using System.Collections.Concurrent;

namespace Coworker.Common;

/// <summary>
/// A bounded in-process cache whose entries live at most <c>maxAge</c> and are dropped early by events. The one
/// subtlety it owns: a value fetched while an eviction happened may be from before the change, so
/// <see cref="Add"/> stores only when nothing was evicted since the caller read <see cref="Generation"/> (before
/// it started fetching). Used for verified agent keys in the Gateway and published tool definitions in the silo.
/// </summary>
public sealed class ExpiringCache<TValue>(TimeSpan maxAge, int maxEntries, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (TValue Value, long At)> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Read before fetching a value, then passed to <see cref="Add"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && time.GetElapsedTime(entry.At) < maxAge)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Remembers a value, unless an eviction happened since <paramref name="generation"/> was read.</summary>
    public void Add(string key, TValue value, long generation)
    {
        if (_entries.Count >= maxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = (value, time.GetTimestamp());
        if (Generation != generation)
        {
            // Something changed meanwhile: the value serves its own caller only.
            _entries.TryRemove(key, out _);
        }
    }

    public void Evict(string key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }

    public void EvictWhere(Func<string, TValue, bool> match)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
        {
            if (match(key, entry.Value))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
