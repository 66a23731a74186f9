using System.Net;
using System.Text.Json;

namespace Coworker.Cli.Gateway;

/// <summary>
/// The Gateway refused a request. Its RFC 7807 problem+json answer (title, status, detail) is written for
/// callers, so <see cref="Detail"/> is what the operator sees; a proxy's HTML error page becomes the status line.
/// </summary>
internal sealed class GatewayException(HttpStatusCode status, string? title, string detail) : Exception(detail)
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string Detail { get; } = detail;

    public static GatewayException From(HttpResponseMessage response, string body)
    {
        var status = response.StatusCode;
        string? title = null;
        string? detail = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                title = Text(document.RootElement, "title");
                detail = Text(document.RootElement, "detail");
            }
        }
        catch (JsonException)
        {
            // Not problem+json (an HTML page from a proxy, an empty body): the status line says enough.
        }

        return new GatewayException(status, title,
            detail ?? title ?? $"the Gateway answered {(int)status} {response.ReasonPhrase ?? status.ToString()}");
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
