using System.Collections.Concurrent;
using System.Security.Claims;
using Coworker.Gateway.Authentication;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// The live MCP sessions of this Gateway by tenant, so a catalog or grant change can tell exactly the
/// affected clients to refresh their tool lists (stateless requests have no session to notify).
/// </summary>
public sealed class McpSessionRegistry(ILogger<McpSessionRegistry> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<McpServer, byte>> _byTenant = new(StringComparer.Ordinal);

    public async Task RunAsync(ClaimsPrincipal user, McpServer server, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        // A stateless request (no session id) gets a server of its own that lives for that one request and can be
        // sent nothing afterwards: registering it would only cost every such request two dictionary writes.
        if (tenant is null || server.SessionId is null)
        {
            await server.RunAsync(cancellationToken);
            return;
        }

        var sessions = _byTenant.GetOrAdd(tenant, _ => new());
        sessions[server] = 0;
        try
        {
            await server.RunAsync(cancellationToken);
        }
        finally
        {
            sessions.TryRemove(server, out _);
        }
    }

    public int Count(string tenant) => _byTenant.TryGetValue(tenant, out var sessions) ? sessions.Count : 0;

    public async Task NotifyToolListChangedAsync(string tenant, CancellationToken cancellationToken)
    {
        if (!_byTenant.TryGetValue(tenant, out var sessions))
        {
            return;
        }

        foreach (var server in sessions.Keys)
        {
            try
            {
                await server.SendNotificationAsync(NotificationMethods.ToolListChangedNotification, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogDebug("A session could not be notified: {Reason}", exception.GetType().Name);
            }
        }
    }
}
