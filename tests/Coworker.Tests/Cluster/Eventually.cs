using System.Diagnostics;

namespace Coworker.Tests.Cluster;

/// <summary>Bounded polling for conditions the cluster reaches asynchronously (death detection, failover).</summary>
public static class Eventually
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value satisfying <paramref name="done"/>, treating
    /// exceptions (calls into a silo that just died) as "not yet". Fails with the last value or error.
    /// </summary>
    public static async Task<T> ReachAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = "no attempt finished";
        while (clock.Elapsed < within)
        {
            try
            {
                var value = await probe().WaitAsync(TimeSpan.FromSeconds(5));
                if (done(value))
                {
                    return value;
                }

                last = $"last value: {value}";
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                last = $"last error: {e.GetType().Name}: {e.Message}";
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"{what} did not happen within {within.TotalSeconds:0} s ({last}).");
    }
}
