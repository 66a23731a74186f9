namespace Coworker.Studio.Authentication;

/// <summary>Where to go after signing in: only paths on this site, so the login page is no open redirect.</summary>
public static class LocalReturnUrl
{
    public static string Sanitise(string? returnUrl) =>
        returnUrl is { Length: > 0 } url
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
