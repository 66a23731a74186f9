using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Coworker.Storage.Audit;

/// <summary>
/// The one serialisation of an audit row that its hash is computed over, written by hand so that no runtime
/// upgrade can change it: UTF-8, no whitespace, members in a fixed order, detail keys in ordinal order, strings
/// escaping only '"', '\' and control characters (RFC 8785 style), the time as UTC with six fractional digits.
/// <code>{"id":"…","tenant":"…","seq":1,"at":"2025-01-31T12:00:00.000000Z","kind":"…","actor":"…","target":"…","outcome":"…","detail":{"k":"v"}}</code>
/// </summary>
public static class AuditCanonicalJson
{
    public static byte[] Serialize(AuditRowContent row)
    {
        var json = new StringBuilder(256);
        json.Append("{\"id\":");
        AppendString(json, row.Id.ToString("D"));
        json.Append(",\"tenant\":");
        AppendString(json, row.Tenant);
        json.Append(",\"seq\":").Append(row.Seq.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"at\":");
        AppendString(json, FormatTime(row.At));
        json.Append(",\"kind\":");
        AppendString(json, row.Kind);
        json.Append(",\"actor\":");
        AppendString(json, row.Actor);
        json.Append(",\"target\":");
        AppendString(json, row.Target);
        json.Append(",\"outcome\":");
        AppendString(json, row.Outcome);
        json.Append(",\"detail\":");
        AppendDetail(json, row.Detail);
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>The detail object as stored in the <c>jsonb</c> column.</summary>
    public static string Detail(IReadOnlyDictionary<string, string> detail)
    {
        var json = new StringBuilder();
        AppendDetail(json, detail);
        return json.ToString();
    }

    /// <summary>Reads a stored detail back; a value that is not a string (only possible by tampering) keeps its raw JSON.</summary>
    public static IReadOnlyDictionary<string, string> ParseDetail(string json)
    {
        using var document = JsonDocument.Parse(json);
        var detail = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            detail[""] = document.RootElement.GetRawText();
            return detail;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            detail[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
        }

        return detail;
    }

    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    private static void AppendDetail(StringBuilder json, IReadOnlyDictionary<string, string> detail)
    {
        json.Append('{');
        var first = true;
        foreach (var key in detail.Keys.Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            AppendString(json, key);
            json.Append(':');
            AppendString(json, detail[key]);
        }

        json.Append('}');
    }

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}
