using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coworker.Cli.Gateway;

/// <summary>An answer of the Gateway: the typed value for tables, and the JSON as it came for <c>--json</c>.</summary>
internal sealed record GatewayReply<T>(T Value, JsonElement Json);

/// <summary>
/// HTTP to the Gateway REST API (the platform's only public surface). Sends the key as a bearer token and
/// nowhere else; non-2xx answers become <see cref="GatewayException"/> carrying the problem's detail.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    /// <summary>Long enough for a test run against a slow upstream (the platform stops waiting first).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _http;

    public GatewayClient(Uri gateway, string key)
    {
        // A trailing slash keeps a path prefix ("https://host/coworker/") when relative paths are resolved.
        BaseAddress = gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = RequestTimeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("coworker-cli", "1.0"));
    }

    public Uri BaseAddress { get; }

    public Task<GatewayReply<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, Relative(path)), cancellationToken);

    public Task<GatewayReply<T>> PostJsonAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        PostAsync<T>(path, JsonContent.Create(body, options: GatewayJson.Options), cancellationToken);

    public Task<GatewayReply<T>> PostAsync<T>(string path, HttpContent? content, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, Relative(path)) { Content = content }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static Uri Relative(string path) => new(path.TrimStart('/'), UriKind.Relative);

    private async Task<GatewayReply<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await _http.SendAsync(request, cancellationToken))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw GatewayException.From(response, body);
            }

            using var document = JsonDocument.Parse(body);
            var json = document.RootElement.Clone();
            var value = json.Deserialize<T>(GatewayJson.Options)
                ?? throw new JsonException($"the Gateway answered {request.Method} {request.RequestUri} with null");
            return new GatewayReply<T>(value, json);
        }
    }
}
