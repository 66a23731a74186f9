namespace Coworker.Agents;

/// <summary>
/// The part of the tenant-wide tool-call rate limit an agent activation holds, so that most calls spend a unit
/// here instead of asking the tenant grain (a nested grain call per tool call, while the agent grain waits).
/// The tenant's limit still holds across the cluster: every unit was taken from the tenant's bucket first.
/// A lease lives <see cref="Lifetime"/>; what it left unused goes back with the next request. Its size adapts:
/// it doubles while leases are used up quickly (up to <see cref="MaxChunk"/>) and halves when one expires
/// unused, so a quiet agent holds single units and a busy one asks the tenant a few times a second at most.
/// </summary>
public sealed class TenantBudget(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    public const int MaxChunk = 64;

    private int _held;
    private int _chunk = 1;
    private long _grantedAt;

    /// <summary>Spends one held unit, if there is one and its lease is still alive.</summary>
    public bool TryUse()
    {
        if (_held > 0 && time.GetElapsedTime(_grantedAt) < Lifetime)
        {
            _held--;
            return true;
        }

        return false;
    }

    /// <summary>What to ask the tenant for next: how many units, and how many unused ones to give back.</summary>
    public (int Wanted, int Returned) NextRequest()
    {
        var returned = _held;
        if (returned > 0)
        {
            _chunk = Math.Max(1, _chunk / 2);
        }
        else if (_grantedAt != 0 && time.GetElapsedTime(_grantedAt) < Lifetime / 4)
        {
            _chunk = Math.Min(MaxChunk, _chunk * 2);
        }

        _held = 0;
        return (_chunk, returned);
    }

    /// <summary>Gives up every held unit (the agent is deactivating): how many to hand back to the tenant.</summary>
    public int Release()
    {
        var held = _held;
        _held = 0;
        return held;
    }

    /// <summary>Takes a lease; one of its units is the current call's, the rest are held.</summary>
    public void Accept(int granted)
    {
        _held = Math.Max(0, granted - 1);
        _grantedAt = time.GetTimestamp();
    }
}
