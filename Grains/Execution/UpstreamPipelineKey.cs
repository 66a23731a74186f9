namespace Coworker.Execution;

/// <summary>
/// Which resilience pipeline (and so which circuit breaker) an upstream request uses: one per tenant and
/// upstream authority (scheme, host, port). Keyed by host alone, one tenant's failing or refused calls paused
/// every other tenant's calls to that host; keyed by tenant too, a tenant can only pause itself.
/// </summary>
public static class UpstreamPipelineKey
{
    /// <summary>The HttpRequestMessage option naming the tenant a request is sent for. Every sender sets it.</summary>
    public static readonly HttpRequestOptionsKey<string> TenantOption = new("coworker.tenant");

    /// <summary>A request that names no tenant gets a pipeline of its own kind, shared with no tenant's.</summary>
    private const string NoTenant = "(no tenant)";

    public static string For(HttpRequestMessage request)
    {
        var tenant = request.Options.TryGetValue(TenantOption, out var named) && !string.IsNullOrEmpty(named) ? named : NoTenant;
        return request.RequestUri is { IsAbsoluteUri: true } uri ? $"{tenant} {uri.Scheme}://{uri.Authority}" : tenant;
    }
}
