using System.Text;
using System.Text.RegularExpressions;
using Coworker.Common;

namespace Coworker.Audit;

/// <summary>
/// Checks an event before it enters the pipeline and brings it to the form that is stored and hashed: time in
/// UTC at microsecond precision (PostgreSQL's), text without NUL or broken surrogates and of bounded length, and
/// — as a second line behind "callers never put secrets in Detail" — values under credential-like keys replaced.
/// </summary>
public static partial class AuditEventNormalizer
{
    public const string Redacted = "[redacted]";
    public const int MaxDetailEntries = 64;

    // Keys compared lower-case without '_', '-' and '.': "api_key", "API-Key" and "apiKey" are all "apikey".
    private static readonly HashSet<string> SensitiveKeys = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "secret", "secretvalue", "clientsecret", "token", "accesstoken", "refreshtoken",
        "idtoken", "bearer", "apikey", "authorization", "cookie", "setcookie", "privatekey", "value", "credentials",
    };

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    public static AuditEvent Normalize(AuditEvent auditEvent, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.Id == Guid.Empty)
        {
            throw CoworkerException.Validation("An audit event needs an id.");
        }

        if (auditEvent.Tenant != AuditEvent.PlatformTenant && !Slug.IsValid(auditEvent.Tenant))
        {
            throw CoworkerException.Validation($"'{Clean(auditEvent.Tenant, 64)}' is not a tenant id an audit event can be filed under.");
        }

        if (auditEvent.Kind is null || !KindPattern().IsMatch(auditEvent.Kind))
        {
            throw CoworkerException.Validation($"'{Clean(auditEvent.Kind, 64)}' is not an audit event kind: use lowercase letters, digits and '_'.");
        }

        var at = auditEvent.At == default ? time.GetUtcNow() : auditEvent.At;
        var detail = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in auditEvent.Detail ?? new Dictionary<string, string>())
        {
            if (detail.Count == MaxDetailEntries)
            {
                break;
            }

            var cleanKey = Clean(key, 64);
            detail[cleanKey] = IsSensitive(cleanKey, value) ? Redacted : Clean(value, 1024);
        }

        return auditEvent with
        {
            At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero),
            Actor = Clean(auditEvent.Actor, 256) is { Length: > 0 } actor ? actor : "system",
            Target = Clean(auditEvent.Target, 512),
            Outcome = Clean(auditEvent.Outcome, 64) is { Length: > 0 } outcome ? outcome : "ok",
            Detail = detail,
        };
    }

    private static bool IsSensitive(string key, string? value)
    {
        var folded = new string(key.Where(c => c is not ('_' or '-' or '.')).Select(char.ToLowerInvariant).ToArray());
        if (SensitiveKeys.Contains(folded))
        {
            return true;
        }

        // Whatever the key: an Authorization header value or one of our own API keys.
        return value is not null && (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith(ApiKeyHasher.TenantKeyPrefix + "_", StringComparison.Ordinal)
            || value.StartsWith(ApiKeyHasher.AdminKeyPrefix + "_", StringComparison.Ordinal));
    }

    // PostgreSQL text cannot hold NUL and Npgsql refuses unpaired surrogates: both would make a batch unwritable.
    private static string Clean(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value;
        if (text.Length > maxLength)
        {
            text = text[..maxLength];
        }

        return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
    }
}
