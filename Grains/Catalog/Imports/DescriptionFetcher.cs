using Coworker.Common;
using Coworker.Execution;

namespace Coworker.Catalog.Imports;

/// <summary>
/// Fetches an API description from a URL through the same guarded client as tool calls (SSRF guard with
/// the tenant's allowlist, no redirects, the tenant's own circuit breaker and connection pool for the host),
/// with a size cap and a timeout.
/// </summary>
public sealed class DescriptionFetcher(IHttpClientFactory httpClients)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<byte[]> FetchAsync(string tenant, string url, NetworkAllowlist allowlist, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw CoworkerException.Validation("The import URL must be an absolute http or https URL.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Options.Set(SsrfGuard.AllowlistOption, allowlist);
        request.Options.Set(UpstreamPipelineKey.TenantOption, tenant);
        try
        {
            using var response = await httpClients.CreateClient(UpstreamExecutor.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw CoworkerException.Validation($"Fetching the description failed: {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return await CappedBody.ReadAsync(response.Content, maxBytes, timeout.Token)
                ?? throw CoworkerException.Validation($"The description is larger than {maxBytes / (1024 * 1024)} MB.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw CoworkerException.Validation($"Fetching the description took longer than {Timeout.TotalSeconds:0} s.");
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException open)
        {
            throw new UpstreamPausedException(UpstreamExecutor.PausedMessage(open), open);
        }
        catch (HttpRequestException failure)
        {
            if (UpstreamBlockedException.FindIn(failure) is { } blocked)
            {
                throw CoworkerException.Validation("The import URL is not allowed: " + blocked.Message);
            }

            throw CoworkerException.Validation($"Fetching the description failed ({failure.HttpRequestError}).");
        }
    }
}
