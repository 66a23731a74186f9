namespace Coworker.Execution;

/// <summary>The SSRF guard refused the destination. A refusal of ours, never an upstream failure.</summary>
public sealed class UpstreamBlockedException(string message) : Exception(message)
{
    /// <summary>The refusal behind <paramref name="exception"/> (HttpClient wraps the connect callback's exception), or null.</summary>
    public static UpstreamBlockedException? FindIn(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is UpstreamBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }
}
