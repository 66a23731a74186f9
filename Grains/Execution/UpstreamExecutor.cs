using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Coworker.Catalog;
using Microsoft.Extensions.Options;

namespace Coworker.Execution;

/// <summary>
/// Sends one tool call upstream: validated arguments, the tenant's credential, the SSRF guard (in the
/// handler's connect callback), a whole-call timeout and a response size cap. Used by test runs and
/// by governed calls alike, so staging exercises exactly the production path.
/// Not grain code: its awaits do not return to the calling grain's scheduler (ConfigureAwait(false)), so the
/// steps of one upstream request run on whichever thread-pool thread completed the I/O, and only the final
/// result hops back to the grain.
/// </summary>
public sealed class UpstreamExecutor(IHttpClientFactory httpClients, ICredentialResolver credentials, IOptions<UpstreamOptions> options)
{
    public const string HttpClientName = "upstream";

    public async Task<UpstreamResult> ExecuteAsync(
        string tenant, ToolDefinition tool, JsonElement arguments, NetworkAllowlist allowlist, CancellationToken cancellationToken = default)
    {
        var empty = new RecordedRequest(tool.Binding.Method, tool.Binding.ServerUrl + tool.Binding.PathTemplate, new Dictionary<string, string>(), null);
        var errors = SchemaValidator.Validate(tool.InputSchema, arguments);
        if (errors.Count > 0)
        {
            return new UpstreamResult(empty, null, null, null, 0, UpstreamOutcome.InvalidArguments, "Arguments do not match the input schema: " + string.Join("; ", errors));
        }

        HttpRequestMessage request;
        RecordedRequest recorded;
        try
        {
            (request, recorded) = UpstreamRequestBuilder.Build(tool, arguments, credential: null);
        }
        catch (ToolArgumentsException invalid)
        {
            return new UpstreamResult(empty, null, null, null, 0, UpstreamOutcome.InvalidArguments, invalid.Message);
        }

        ResolvedCredential? credential;
        try
        {
            // The credential is released for the URL the request actually goes to (built from the arguments first;
            // a credential only adds headers, cookies and query parameters, never changes the host).
            credential = await credentials.ResolveAsync(tenant, tool.Auth, request.RequestUri!, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialUnavailableException missing)
        {
            request.Dispose();
            return new UpstreamResult(empty, null, null, null, 0, UpstreamOutcome.CredentialMissing, missing.Message);
        }
        catch (CredentialNotApprovedException refused)
        {
            request.Dispose();
            return new UpstreamResult(empty, null, null, null, 0, UpstreamOutcome.CredentialNotApproved, refused.Message);
        }

        if (credential is not null)
        {
            request.Dispose();
            (request, recorded) = UpstreamRequestBuilder.Build(tool, arguments, credential);
        }

        using (request)
        {
            request.Options.Set(SsrfGuard.AllowlistOption, allowlist);
            request.Options.Set(UpstreamPipelineKey.TenantOption, tenant);
            return await SendAsync(request, recorded, credential, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<UpstreamResult> SendAsync(HttpRequestMessage request, RecordedRequest recorded, ResolvedCredential? credential, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            var body = await CappedBody.ReadAsync(response.Content, limits.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                return TooLarge(recorded, (int)response.StatusCode, contentType, clock, limits);
            }

            var text = UpstreamRequestBuilder.MaskAll(Encoding.UTF8.GetString(body), credential?.SecretValues.ToList() ?? []);
            var outcome = response.IsSuccessStatusCode ? UpstreamOutcome.Ok : UpstreamOutcome.HttpError;
            return new UpstreamResult(recorded, (int)response.StatusCode, contentType, text, clock.ElapsedMilliseconds, outcome,
                response.IsSuccessStatusCode ? null : $"The upstream answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UpstreamResult(recorded, null, null, null, clock.ElapsedMilliseconds, UpstreamOutcome.Timeout,
                $"The upstream did not answer within {limits.Timeout.TotalSeconds:0.#} s.");
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException open)
        {
            return new UpstreamResult(recorded, null, null, null, clock.ElapsedMilliseconds, UpstreamOutcome.CircuitOpen, PausedMessage(open));
        }
        catch (HttpRequestException failure) when (UpstreamBlockedException.FindIn(failure) is { } blocked)
        {
            return new UpstreamResult(recorded, null, null, null, clock.ElapsedMilliseconds, UpstreamOutcome.Blocked, blocked.Message);
        }
        catch (HttpRequestException failure)
        {
            var reason = failure.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : failure.HttpRequestError.ToString();
            return new UpstreamResult(recorded, null, null, null, clock.ElapsedMilliseconds, UpstreamOutcome.Error, $"The upstream could not be reached ({reason}).");
        }
    }

    /// <summary>What a caller is told when this tenant's breaker for the host is open.</summary>
    public static string PausedMessage(Polly.CircuitBreaker.BrokenCircuitException open) =>
        "The upstream host has been failing for this tenant's calls; they are paused"
        + (open.RetryAfter is { } wait ? $" for about {Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} s." : " for a few seconds.");

    private static UpstreamResult TooLarge(RecordedRequest recorded, int status, string? contentType, Stopwatch clock, UpstreamOptions limits) =>
        new(recorded, status, contentType, null, clock.ElapsedMilliseconds, UpstreamOutcome.TooLarge,
            $"The upstream response is larger than the {limits.MaxResponseBytes / (1024 * 1024)} MB limit.");
}
