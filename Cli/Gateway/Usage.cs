namespace Coworker.Cli.Gateway;

/// <summary>GET /api/v1/tenants/{t}/usage and /agents/{a}/usage: tool calls in the current UTC day and month.</summary>
internal sealed record CallUsage(UsagePeriod Day, UsagePeriod Month);

/// <summary>One period: its start and reset, the calls counted in it, and its quota (null: none).</summary>
internal sealed record UsagePeriod(DateTimeOffset Start, DateTimeOffset ResetsAt, long Calls, int? Limit);
