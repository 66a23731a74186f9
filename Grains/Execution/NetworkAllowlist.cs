using System.Net;
using Coworker.Common;

namespace Coworker.Execution;

/// <summary>
/// A tenant's exceptions to the SSRF guard: exact IPs ("127.0.0.1"), CIDR ranges ("10.1.0.0/16") or host
/// names ("billing.internal"). A host name entry allows the addresses that name resolves to at call time.
/// </summary>
public sealed class NetworkAllowlist
{
    public const int MaxEntries = 50;

    private readonly List<IPNetwork> _networks = [];
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public NetworkAllowlist(IEnumerable<string> entries)
    {
        var all = entries.ToList();
        Fingerprint = string.Join(',', all.Order(StringComparer.OrdinalIgnoreCase));
        foreach (var entry in all)
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                _networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                _networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                _hosts.Add(entry);
            }
        }
    }

    public static NetworkAllowlist Empty { get; } = new([]);

    /// <summary>The entries, in one string: two allowlists with the same fingerprint allow the same destinations.</summary>
    public string Fingerprint { get; }

    public bool Allows(string host, IPAddress address) =>
        _hosts.Contains(host) || _networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    /// <summary>Checks and normalises entries an operator submits.</summary>
    public static List<string> Validate(IReadOnlyList<string> entries)
    {
        if (entries.Count > MaxEntries)
        {
            throw CoworkerException.Validation($"A network allowlist holds at most {MaxEntries} entries.");
        }

        var result = new List<string>();
        foreach (var raw in entries)
        {
            var entry = raw?.Trim() ?? "";
            var valid = IPNetwork.TryParse(entry, out _) || IPAddress.TryParse(entry, out _)
                || (entry.Length is > 0 and <= 253 && Uri.CheckHostName(entry) == UriHostNameType.Dns);
            if (!valid)
            {
                throw CoworkerException.Validation($"'{entry}' is not an IP address, CIDR range or host name.");
            }

            result.Add(entry.ToLowerInvariant());
        }

        return result.Distinct(StringComparer.Ordinal).ToList();
    }
}
