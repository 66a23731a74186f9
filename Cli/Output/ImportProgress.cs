using Coworker.Cli.Gateway;

namespace Coworker.Cli.Output;

/// <summary>
/// "importing pets: 3/9 operations" on stderr: rewritten in place on a terminal, one line per change when
/// stderr is a file or a pipe (so logs stay readable).
/// </summary>
internal sealed class ImportProgress(TextWriter error)
{
    private readonly bool _inPlace = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private string? _last;
    private bool _open;

    public async Task ShowAsync(ImportJob job)
    {
        // A job that failed before counting operations has no progress to show; the error follows.
        if (job.IsFinished && job.OperationsTotal == 0)
        {
            return;
        }

        var line = job.Status switch
        {
            ImportJobStatus.Pending => $"importing {job.SourceId}: waiting to start",
            _ when job.OperationsTotal == 0 && !job.IsFinished => $"importing {job.SourceId}: reading the description",
            _ => $"importing {job.SourceId}: {job.OperationsDone}/{job.OperationsTotal} operations",
        };
        if (line == _last)
        {
            return;
        }

        if (_inPlace)
        {
            await error.WriteAsync("\r" + line.PadRight(Math.Max(line.Length, _last?.Length ?? 0)));
            _open = true;
        }
        else
        {
            await error.WriteLineAsync(line);
        }

        _last = line;
    }

    public async Task EndAsync()
    {
        if (_open)
        {
            await error.WriteLineAsync();
            _open = false;
        }
    }
}
