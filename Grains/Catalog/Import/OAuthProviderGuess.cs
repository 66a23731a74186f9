namespace Coworker.Catalog.Import;

/// <summary>
/// Which tenant OAuth provider preset an imported OAuth2 tool most likely needs, from the hosts it talks to.
/// Only the platform's presets are guessed; anything else falls back to the caller's name (the scheme name).
/// </summary>
internal static class OAuthProviderGuess
{
    private static readonly (string Suffix, string Provider)[] Known =
    [
        ("googleapis.com", "google"),
        ("google.com", "google"),
        ("github.com", "github"),
        ("graph.microsoft.com", "microsoft"),
        ("microsoftonline.com", "microsoft"),
        ("linkedin.com", "linkedin"),
        ("service-now.com", "servicenow"),
        ("servicenow.com", "servicenow"),
    ];

    public static string Guess(ImportOptions options, string fallback, params ReadOnlySpan<string?> urls)
    {
        if (!string.IsNullOrWhiteSpace(options.OAuthProvider))
        {
            return options.OAuthProvider;
        }

        foreach (var url in urls)
        {
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                continue;
            }

            foreach (var (suffix, provider) in Known)
            {
                if (uri.Host.Equals(suffix, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return provider;
                }
            }
        }

        return fallback;
    }
}
