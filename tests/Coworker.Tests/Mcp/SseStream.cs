using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Coworker.Tests.Mcp;

/// <summary>
/// A legacy SSE session opened by hand (GET /mcp/sse): the message URL its "endpoint" event names, and every
/// JSON-RPC message the stream carries afterwards, read in the background.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private HttpResponseMessage? _response;
    private Task? _reader;

    public Uri MessageUri { get; private set; } = null!;

    public string SessionId => System.Web.HttpUtility.ParseQueryString(MessageUri.Query)["sessionId"]!;

    public static async Task<SseStream> OpenAsync(HttpClient client, Uri baseAddress)
    {
        var stream = new SseStream();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "/mcp/sse"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        stream._response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        stream._response.EnsureSuccessStatusCode();
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = await stream._response.Content.ReadAsStreamAsync();
        stream._reader = Task.Run(() => stream.ReadAsync(body, endpoint));
        var path = await endpoint.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stream.MessageUri = new Uri(baseAddress, path);
        return stream;
    }

    /// <summary>The next message with this id (messages without it are kept in <see cref="Seen"/>).</summary>
    public async Task<JsonElement> WaitForAsync(int id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(timeout.Token);
            if (message.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.Number && value.GetInt32() == id)
            {
                return message;
            }
        }
    }

    /// <summary>Every message the stream has carried so far.</summary>
    public IReadOnlyList<JsonElement> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    private async Task ReadAsync(Stream body, TaskCompletionSource<string> endpoint)
    {
        try
        {
            using var reader = new StreamReader(body);
            string? eventName = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    eventName = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    var data = line["data:".Length..].Trim();
                    if (eventName == "endpoint")
                    {
                        endpoint.TrySetResult(data);
                    }
                    else
                    {
                        using var document = JsonDocument.Parse(data);
                        var message = document.RootElement.Clone();
                        lock (_seen)
                        {
                            _seen.Add(message);
                        }

                        _messages.Writer.TryWrite(message);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
        {
            // the stream ends when the test is done with it
        }
        finally
        {
            endpoint.TrySetException(new InvalidOperationException("The SSE stream ended before its endpoint event."));
            _messages.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response?.Dispose();
        if (_reader is not null)
        {
            await _reader;
        }

        _stop.Dispose();
    }
}
