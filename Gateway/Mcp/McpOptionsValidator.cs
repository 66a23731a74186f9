using Coworker.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// Refuses to start with a canonical URL or an allowed origin that could not be what it claims: the canonical URL
/// becomes the OAuth audience and the only Host /mcp serves, so a typo must stop the Gateway, not open it.
/// </summary>
public sealed class McpOptionsValidator : IValidateOptions<McpOptions>
{
    public ValidateOptionsResult Validate(string? name, McpOptions options)
    {
        var failures = new List<string>();
        if (options.CanonicalUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0
                || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || url.Contains('#') || url.Contains('?')))
        {
            // The value is echoed to help with typos, except when it may carry a password (user info).
            var got = url.Contains('@', StringComparison.Ordinal) ? "a URL with user info" : $"'{url}'";
            failures.Add($"{ConfigKeys.McpCanonicalUrl} must be an absolute http(s) URL without user info, query or fragment, such as https://coworker.example.com/mcp (got {got}).");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (McpCanonicalUrl.ParseOrigin(origin) is null)
            {
                failures.Add($"{McpOptions.Section}:AllowedOrigins: '{origin}' is not an http(s) origin (scheme://host[:port], no path or trailing slash).");
            }
        }

        if (options.PageSize is < 1 or > 1000)
        {
            failures.Add($"{McpOptions.Section}:PageSize must be between 1 and 1000 (got {options.PageSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
