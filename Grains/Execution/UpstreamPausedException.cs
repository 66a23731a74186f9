namespace Coworker.Execution;

/// <summary>The tenant's circuit breaker for the upstream host is open: the call was not sent.</summary>
public sealed class UpstreamPausedException(string message, Exception inner) : Exception(message, inner);
