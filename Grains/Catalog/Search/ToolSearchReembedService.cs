using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coworker.Catalog.Search;

/// <summary>
/// Runs <see cref="ToolSearchReembedder"/> in the background: at start and then every
/// <see cref="ToolSearchOptions.ReembedInterval"/>, so that changing the embedder needs no manual step.
/// Until a row is re-embedded it is still found through full-text ranking.
/// </summary>
public sealed partial class ToolSearchReembedService(
    ToolSearchReembedder reembedder, ToolSearchOptions options, ILogger<ToolSearchReembedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await reembedder.ReembedAllAsync(stoppingToken);
                if (done > 0)
                {
                    LogReembedded(logger, done);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.ReembedInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-embedded {Count} tool search rows with the configured embedder")]
    private static partial void LogReembedded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool search re-embedding failed; retrying later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
