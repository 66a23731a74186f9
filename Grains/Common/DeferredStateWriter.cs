namespace Coworker.Common;

/// <summary>
/// Writes a grain state that changes on hot paths (tool-call counters) at most once per <c>delay</c> instead of on
/// every change: the first change after a write starts a one-shot grain timer, later ones ride along. The grain
/// flushes on deactivation, so only a crashed silo loses changes, those of the last <c>delay</c> at most. A write
/// that fails is tried again one delay later.
/// </summary>
public sealed class DeferredStateWriter<T>(IGrainBase grain, IPersistentState<T> state, TimeSpan delay)
{
    private IGrainTimer? _pending;

    public void Changed() =>
        _pending ??= grain.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));

    /// <summary>Writes now if a change is waiting (call from OnDeactivateAsync).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        _pending is null ? Task.CompletedTask : WriteAsync(cancellationToken);

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        // The token a grain timer passes to its callback is cancelled when that timer is disposed, so the timer is
        // disposed only once the write has finished: disposing it first cancelled every write, which then re-armed
        // forever and never stored a count. Forgetting it first lets a change made during the write arm a new one.
        var timer = _pending;
        _pending = null;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            Changed();
            throw;
        }
        finally
        {
            timer?.Dispose();
        }
    }
}
