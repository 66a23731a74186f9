namespace Coworker.Gateway.Authentication;

/// <summary>
/// After any change to an agent or a tenant through this Gateway's REST API (suspend, terminate, key revoked,
/// tenant disabled, …), forgets the cached keys of that agent or of all the tenant's agents, so their next request
/// here is checked against the new state.
/// </summary>
public sealed class AgentKeyCacheEndpointFilter(AgentKeyCache cache) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        finally
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && http.Request.RouteValues.TryGetValue("tenant", out var tenant) && tenant is string t)
            {
                if (http.Request.RouteValues.TryGetValue("agent", out var agent) && agent is string a)
                {
                    cache.EvictAgent(t, a);
                }
                else
                {
                    cache.EvictTenant(t);
                }
            }
        }
    }
}
