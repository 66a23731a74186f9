namespace Coworker.Gateway.Authentication;

/// <summary>
/// After any change to an agent through this Gateway's REST API (suspend, terminate, key revoked, …), forgets the
/// agent's cached keys, so the agent's next request here is checked against the new state.
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
            if (!HttpMethods.IsGet(http.Request.Method) && http.Request.RouteValues.TryGetValue("tenant", out var tenant)
                && http.Request.RouteValues.TryGetValue("agent", out var agent) && tenant is string t && agent is string a)
            {
                cache.EvictAgent(t, a);
            }
        }
    }
}
