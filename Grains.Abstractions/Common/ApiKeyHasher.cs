using System.Security.Cryptography;
using System.Text;

namespace Coworker.Common;

/// <summary>
/// API keys are 256-bit random values, so a single SHA-256 is enough to store them safely (no slow
/// hash is needed for high-entropy secrets); only hashes cross into the cluster when authenticating.
/// </summary>
public static class ApiKeyHasher
{
    /// <summary>Prefix of platform admin keys.</summary>
    public const string AdminKeyPrefix = "cwa";

    /// <summary>Prefix of tenant API keys: "cwk_{tenant}_…".</summary>
    public const string TenantKeyPrefix = "cwk";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key: "{prefix}_{scope}_{43 url-safe random chars}", scope being e.g. the tenant id.</summary>
    public static string NewKey(string prefix, string scope) =>
        $"{prefix}_{scope}_{Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>Reads the scope back out of a key made by <see cref="NewKey"/>; null when the shape is wrong.</summary>
    public static string? ScopeOf(string key, string prefix)
    {
        if (!key.StartsWith(prefix + "_", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key.AsSpan(prefix.Length + 1);
        // Scopes (tenant slugs) never contain '_', but the random part may: split at the first one.
        var underscore = rest.IndexOf('_');
        return underscore > 0 ? rest[..underscore].ToString() : null;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
