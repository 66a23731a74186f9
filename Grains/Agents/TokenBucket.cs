namespace Coworker.Agents;

/// <summary>
/// In-memory token bucket owned by one grain activation. Orleans guarantees a single activation per key
/// in the cluster, so the bucket is the cluster's bucket for that agent or tenant; an activation that moves
/// starts with a full bucket, which errs on the side of availability.
/// </summary>
public sealed class TokenBucket(RateLimit limit, TimeProvider time)
{
    private double _tokens = limit.Burst;
    private long _last = time.GetTimestamp();

    public RateLimit Limit { get; private set; } = limit;

    public void Reconfigure(RateLimit limit)
    {
        Limit = limit;
        _tokens = Math.Min(_tokens, limit.Burst);
    }

    /// <summary>Takes one token; when none is left, returns how long until one will be.</summary>
    public (bool Taken, TimeSpan RetryAfter) TryTake()
    {
        var (taken, retryAfter) = TryTake(1);
        return (taken == 1, retryAfter);
    }

    /// <summary>Takes up to <paramref name="wanted"/> whole tokens; when none is left, returns how long until one will be.</summary>
    public (int Taken, TimeSpan RetryAfter) TryTake(int wanted)
    {
        var now = time.GetTimestamp();
        var perSecond = Limit.PerMinute / 60.0;
        _tokens = Math.Min(Limit.Burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
        _last = now;
        if (_tokens >= 1)
        {
            var taken = (int)Math.Min(wanted, Math.Floor(_tokens));
            _tokens -= taken;
            return (taken, TimeSpan.Zero);
        }

        return (0, perSecond <= 0 ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(Math.Ceiling((1 - _tokens) / perSecond)));
    }

    /// <summary>Puts back tokens taken earlier and not used (never above the burst).</summary>
    public void Return(int tokens) => _tokens = Math.Min(Limit.Burst, _tokens + Math.Max(0, tokens));
}
