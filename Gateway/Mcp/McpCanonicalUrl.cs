using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// Who this Gateway is on the web: the canonical MCP URL (configured, or for a local run the address it listens on)
/// and the Hosts and browser Origins /mcp therefore serves. Nothing here is ever read from the request's own Host
/// header: in a DNS-rebinding attack the Host and the Origin are both the attacker's name, and a Host-derived
/// resource URL would let anyone choose what the OAuth metadata says.
/// </summary>
public sealed class McpCanonicalUrl(IOptions<McpOptions> options, IServer server)
{
    private string? _listening;
    private Uri? _uri;
    private HashSet<string>? _allowedOrigins;

    /// <summary>The canonical MCP URL: the OAuth audience and the RFC 9728 "resource".</summary>
    public string Value => options.Value.CanonicalUrl is { Length: > 0 } configured ? configured : _listening ?? FromListeningAddress();

    /// <summary>The canonical URL parsed once it is fixed (configured, or read from the listening address): /mcp asks on every request.</summary>
    public Uri Uri
    {
        get
        {
            if (_uri is { } cached)
            {
                return cached;
            }

            var uri = new Uri(Value);
            if (options.Value.CanonicalUrl is { Length: > 0 } || _listening is not null)
            {
                _uri = uri;
            }

            return uri;
        }
    }

    /// <summary>The RFC 9728 metadata URL for the canonical resource: its origin + /.well-known/oauth-protected-resource + its path.</summary>
    public string ResourceMetadataUrl => $"{Uri.GetLeftPart(UriPartial.Authority)}{McpEndpoints.MetadataPath}{Uri.AbsolutePath.TrimEnd('/')}";

    /// <summary>The canonical host and port, or a loopback name (localhost, 127.0.0.0/8, ::1) of the port the request came in on.</summary>
    public bool ServesHost(HttpContext context)
    {
        var host = context.Request.Host;
        if (!host.HasValue || host.Host.Length == 0)
        {
            return false;
        }

        // A Host without a port means the default port of the scheme the client used, which behind a TLS-terminating
        // proxy is not the scheme this request arrived with: it matches a canonical URL on its scheme's default port.
        var canonical = Uri;
        var canonicalPort = host.Port is { } port ? port == canonical.Port : canonical.IsDefaultPort;
        return (string.Equals(host.Host, canonical.Host, StringComparison.OrdinalIgnoreCase) && canonicalPort)
            || (IsLoopbackName(host.Host) && (host.Port ?? DefaultPort(context.Request.Scheme)) == context.Connection.LocalPort);
    }

    /// <summary>
    /// A configured origin, the canonical origin, or this Gateway's own port by a loopback name. "null", file://,
    /// extension schemes and anything with a path are not origins a browser page of ours can have.
    /// </summary>
    public bool AllowsOrigin(string origin, HttpContext context)
    {
        if (ParseOrigin(origin) is not { } uri)
        {
            return false;
        }

        var normalized = Normalize(uri);
        if (AllowedOrigins.Contains(normalized))
        {
            return true;
        }

        return normalized == Normalize(Uri)
            || (IsLoopbackName(uri.Host) && uri.Port == context.Connection.LocalPort
                && string.Equals(uri.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The configured origins, normalized once (the options are validated at start and do not change).</summary>
    private HashSet<string> AllowedOrigins => _allowedOrigins ??=
        options.Value.AllowedOrigins.Select(ParseOrigin).OfType<Uri>().Select(Normalize).ToHashSet(StringComparer.Ordinal);

    /// <summary>An http(s) origin exactly as browsers send it ("scheme://host[:port]"), or null.</summary>
    public static Uri? ParseOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            && uri.UserInfo.Length == 0 && uri.PathAndQuery == "/" && uri.Fragment.Length == 0
            && !origin.EndsWith('/') && !origin.Contains('?') && !origin.Contains('#')
            ? uri
            : null;

    private static string Normalize(Uri uri) => uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    private static int DefaultPort(string scheme) => scheme == "https" ? 443 : 80;

    private static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>
    /// The first address Kestrel listens on, + /mcp; a wildcard address (0.0.0.0, [::], +, *) becomes localhost, the
    /// name a local client uses. Read on first use, when the server has started and knows its ports.
    /// </summary>
    private string FromListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal))
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null && uri.Port > 0);
        if (address is null)
        {
            // Not listening on a socket (an in-memory test server): nothing to cache yet.
            return "http://localhost/mcp";
        }

        var host = address.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : address.Host;
        return _listening = new UriBuilder(address.Scheme, host, address.Port, McpEndpoints.Path).Uri.AbsoluteUri;
    }
}
