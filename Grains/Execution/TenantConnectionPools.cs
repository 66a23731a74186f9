using System.Collections.Concurrent;

namespace Coworker.Execution;

/// <summary>
/// The upstream client's primary handler: a connection pool of its own per tenant and allowlist. The SSRF guard
/// runs when a connection is opened; a pooled connection is reused without it. With one pool for everyone, a
/// connection one tenant's allowlist permitted (say to 10.1.2.3) would carry another tenant's request to the same
/// host and port, one the guard would have refused. Keyed by the allowlist too, a changed allowlist starts from
/// fresh connections at once instead of reusing ones the old list allowed.
/// </summary>
public sealed class TenantConnectionPools(Func<SocketsHttpHandler> createPool) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<(string Tenant, string Allowlist), Lazy<HttpMessageInvoker>> _pools = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tenant = request.Options.TryGetValue(UpstreamPipelineKey.TenantOption, out var named) ? named : "";
        var allowlist = request.Options.TryGetValue(SsrfGuard.AllowlistOption, out var list) ? list : NetworkAllowlist.Empty;
        var pool = _pools.GetOrAdd((tenant, allowlist.Fingerprint), _ => new Lazy<HttpMessageInvoker>(() => new HttpMessageInvoker(createPool())));
        return pool.Value.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // IHttpClientFactory disposes a primary handler once its lifetime is over and no client uses it.
            foreach (var pool in _pools.Values.Where(p => p.IsValueCreated))
            {
                pool.Value.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
