using System.Globalization;
using Coworker.Common;

namespace Coworker.Secrets;

/// <summary>
/// The upstream hosts an Owner approved a secret for, and the check made at every release. An entry is an exact
/// host ("api.example.com", "127.0.0.1", "[::1]"), optionally with a port ("api.example.com:8443"), or a
/// subdomain wildcard ("*.example.com": any name below example.com, not example.com itself). An entry without a
/// port matches only the scheme's default port (443 for https, 80 for http): "localhost" does not approve every
/// service on localhost. There is no bare "*": a secret that may go anywhere is a secret anyone who can import a
/// description can take.
/// </summary>
public static class ApprovedHosts
{
    public const int MaxEntries = 32;

    private const string Hint = "use a host name, optionally with ':port', or '*.domain' for its subdomains";

    /// <summary>Validates and normalises (lowercase, punycode, sorted, de-duplicated) an Owner's list; null reads as none.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string>? entries)
    {
        if (entries is null || entries.Count == 0)
        {
            return [];
        }

        if (entries.Count > MaxEntries)
        {
            throw CoworkerException.Validation($"A secret has at most {MaxEntries} approved hosts.");
        }

        return entries.Select(entry => Parse(entry).ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>True when <paramref name="target"/> (scheme, host and port of the outgoing request) is on the list.</summary>
    public static bool Allows(IReadOnlyList<string> entries, Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || target.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            return false;
        }

        var host = HostOf(target);
        foreach (var raw in entries)
        {
            if (TryParse(raw, out var entry) && entry.Matches(host, target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The host and port as an approval entry would name them, for messages ("evil.example", "127.0.0.1:5123").</summary>
    public static string Describe(Uri target) =>
        !target.IsAbsoluteUri ? target.ToString()
        : target.IsDefaultPort ? HostOf(target)
        : HostOf(target) + ":" + target.Port.ToString(CultureInfo.InvariantCulture);

    // Both sides go through Uri, so "127.1", "LOCALHOST." or an IDN compare in Uri's canonical form.
    private static string HostOf(Uri uri) =>
        uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.ToLowerInvariant() : uri.IdnHost.TrimEnd('.').ToLowerInvariant();

    private static Entry Parse(string? raw) =>
        TryParse(raw, out var entry)
            ? entry
            : throw CoworkerException.Validation($"'{Shorten(raw)}' is not an approved-host entry: {Hint}.");

    private static bool TryParse(string? raw, out Entry entry)
    {
        entry = default;
        var text = raw?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text) || text.Length > 300)
        {
            return false;
        }

        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var rest = wildcard ? text[2..] : text;
        if (rest.IndexOfAny(['*', '/', '\\', '@', '?', '#', ' ', '%']) >= 0)
        {
            return false;
        }

        string hostPart;
        string? portPart = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            hostPart = rest[..(close + 1)];
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                portPart = after[1..];
            }
        }
        else
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (rest.IndexOf(':', colon + 1) >= 0)
                {
                    return false; // an IPv6 address goes in brackets
                }

                hostPart = rest[..colon];
                portPart = rest[(colon + 1)..];
            }
            else
            {
                hostPart = rest;
            }
        }

        int? port = null;
        if (portPart is not null)
        {
            if (portPart.Length is 0 or > 5 || !portPart.All(char.IsAsciiDigit)
                || int.Parse(portPart, CultureInfo.InvariantCulture) is < 1 or > 65535)
            {
                return false;
            }

            port = int.Parse(portPart, CultureInfo.InvariantCulture);
        }

        if (hostPart.Length == 0 || !Uri.TryCreate("http://" + hostPart + "/", UriKind.Absolute, out var uri)
            || uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic || uri.AbsolutePath != "/" || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var host = HostOf(uri);
        if (wildcard && (uri.HostNameType != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal)))
        {
            return false; // "*.com" or "*.10.0.0.1" approve nothing an Owner means
        }

        entry = new Entry(wildcard, host, port);
        return true;
    }

    private static string Shorten(string? value) => value is { Length: > 64 } ? value[..64] + "…" : value ?? "";

    private readonly record struct Entry(bool Wildcard, string Host, int? Port)
    {
        public bool Matches(string host, Uri target)
        {
            var portMatches = Port is { } port ? target.Port == port : target.IsDefaultPort;
            var hostMatches = Wildcard
                ? host.Length > Host.Length + 1 && host.EndsWith("." + Host, StringComparison.Ordinal)
                : string.Equals(host, Host, StringComparison.Ordinal);
            return portMatches && hostMatches;
        }

        public override string ToString() =>
            (Wildcard ? "*." : "") + Host + (Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "");
    }
}
