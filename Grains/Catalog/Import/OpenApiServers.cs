using Microsoft.OpenApi;

namespace Coworker.Catalog.Import;

/// <summary>
/// The server a tool calls: the operation's, else the path's, else the document's first server, with
/// variables set to their defaults. Relative URLs are resolved against <see cref="ImportOptions.BaseUrl"/> (RFC 3986);
/// without one they stay relative and a problem tells the operator to supply it.
/// </summary>
internal sealed class OpenApiServers(ImportOptions options, ICollection<ImportProblem> problems)
{
    private readonly Dictionary<string, string> _resolved = new(StringComparer.Ordinal);

    public string Resolve(IList<OpenApiServer>? operationServers, IList<OpenApiServer>? pathServers, IList<OpenApiServer>? documentServers)
    {
        var server = First(operationServers) ?? First(pathServers) ?? First(documentServers);
        var template = server?.Url ?? "/";
        if (_resolved.TryGetValue(template, out var cached))
        {
            return cached;
        }

        var url = template;
        foreach (var (name, variable) in server?.Variables ?? new Dictionary<string, OpenApiServerVariable>())
        {
            var value = !string.IsNullOrEmpty(variable.Default) ? variable.Default : variable.Enum?.FirstOrDefault();
            if (value is null)
            {
                problems.Add(new ImportProblem(string.Empty, "/servers", $"Server variable '{name}' has no default; the server URL keeps '{{{name}}}'.", Skipped: false));
                continue;
            }

            url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        url = Absolute(url);
        _resolved[template] = url;
        return url;
    }

    private string Absolute(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return url.TrimEnd('/');
        }

        if (options.BaseUrl is { } baseUrl)
        {
            // RFC 3986 resolution, as OpenAPI prescribes for relative server URLs ("relative to where the document is served").
            return new Uri(baseUrl, url).ToString().TrimEnd('/');
        }

        problems.Add(new ImportProblem(
            string.Empty,
            "/servers",
            $"The server URL '{url}' is not absolute; set a base URL for this import so the tools can be called.",
            Skipped: false));
        return url.TrimEnd('/');
    }

    private static OpenApiServer? First(IList<OpenApiServer>? servers) => servers is { Count: > 0 } ? servers[0] : null;
}
