using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace Coworker.Client;

/// <summary>
/// The channel's service config: read methods are retried with exponential backoff when the Gateway is UNAVAILABLE
/// (restarting, or the authentication throttle's HTTP 429). Writes (CallTool, agent lifecycle and keys, StartImport) are never
/// retried: a tool call that reached its upstream must not run twice.
/// </summary>
public static class CoworkerServiceConfig
{
    /// <summary>The read methods retried on UNAVAILABLE, as (service, method) pairs.</summary>
    public static readonly IReadOnlyList<(string Service, string Method)> ReadMethods =
    [
        ("coworker.v1.ToolService", "ListTools"),
        ("coworker.v1.ToolService", "GetTool"),
        ("coworker.v1.ToolService", "SearchTools"),
        ("coworker.v1.AgentService", "ListAgents"),
        ("coworker.v1.AgentService", "GetAgent"),
        ("coworker.v1.AuditService", "QueryAudit"),
        ("coworker.v1.AuditService", "FollowAudit"),
        ("coworker.v1.UsageService", "GetAgentUsage"),
        ("coworker.v1.UsageService", "GetTenantUsage"),
        ("coworker.v1.AgentService", "ListAgentKeys"),
        ("coworker.v1.ImportService", "GetImport"),
        ("coworker.v1.ImportService", "WatchImport"),
    ];

    /// <summary>The service config retrying <see cref="ReadMethods"/> up to <paramref name="maxAttempts"/> times.</summary>
    /// <param name="maxAttempts">Attempts including the first; 1 or less means no retry policy.</param>
    public static ServiceConfig Create(int maxAttempts)
    {
        var config = new ServiceConfig();
        if (maxAttempts <= 1)
        {
            return config;
        }

        var reads = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = maxAttempts,
                InitialBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(5),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var (service, method) in ReadMethods)
        {
            reads.Names.Add(new MethodName { Service = service, Method = method });
        }

        config.MethodConfigs.Add(reads);
        return config;
    }
}
