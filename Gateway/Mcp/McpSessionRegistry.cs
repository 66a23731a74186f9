using System.Collections.Concurrent;
using System.Security.Claims;
using Coworker.Gateway.Authentication;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// The live MCP sessions of this Gateway: by tenant, so a catalog or grant change can tell exactly the
/// affected clients to refresh their tool lists (stateless requests have no session to notify), and by id with
/// the credential that opened each, so no other credential can use one (<see cref="McpSessionBinding"/>).
/// </summary>
public sealed class McpSessionRegistry(ILogger<McpSessionRegistry> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<McpServer, byte>> _byTenant = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, McpSessionOwner> _owners = new(StringComparer.Ordinal);

    /// <summary>
    /// The SDK's session handler: runs before the client learns the session id (the initialize answer or the SSE
    /// endpoint event carries it), so the owner is on record before anyone can name the session.
    /// </summary>
    public async Task RunAsync(ClaimsPrincipal user, McpServer server, CancellationToken cancellationToken)
    {
        var owner = McpSessionOwner.Of(user);
        // A stateless request (no session id) gets a server of its own that lives for that one request and can be
        // sent nothing afterwards: registering it would only cost every such request two dictionary writes.
        if (owner is null || server.SessionId is not { Length: > 0 } sessionId)
        {
            await server.RunAsync(cancellationToken);
            return;
        }

        _owners[sessionId] = owner;
        var sessions = _byTenant.GetOrAdd(owner.Tenant, _ => new());
        sessions[server] = 0;
        try
        {
            await server.RunAsync(cancellationToken);
        }
        finally
        {
            sessions.TryRemove(server, out _);
            _owners.TryRemove(sessionId, out _);
        }
    }

    /// <summary>Who opened the session, or null for a session this Gateway does not have (never had, or ended).</summary>
    public McpSessionOwner? OwnerOf(string sessionId) => _owners.TryGetValue(sessionId, out var owner) ? owner : null;

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
