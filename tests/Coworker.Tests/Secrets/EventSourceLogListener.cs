using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Coworker.Tests.Secrets;

/// <summary>
/// Listens to Microsoft.Extensions.Logging's EventSource, which every ASP.NET Core host (the Gateway
/// here) logs to by default: formatted messages plus their arguments and exceptions as JSON.
/// </summary>
internal sealed class EventSourceLogListener : EventListener
{
    private const string LoggingSource = "Microsoft-Extensions-Logging";
    private const EventKeywords FormattedMessage = (EventKeywords)4;
    private const EventKeywords JsonMessage = (EventKeywords)8;

    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == LoggingSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, FormattedMessage | JsonMessage);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is { Count: > 0 } payload)
        {
            _entries.Enqueue(string.Join(" ", payload.Select(p => p?.ToString())));
        }
    }
}
