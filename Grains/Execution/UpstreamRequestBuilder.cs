using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coworker.Catalog;

namespace Coworker.Execution;

/// <summary>
/// Turns a tool's binding plus JSON arguments (already validated against the input schema) and the
/// tenant's credential into an HTTP request, and a record of it with every credential value masked.
/// </summary>
public static class UpstreamRequestBuilder
{
    public const string Mask = "****";
    private const int MaxRecordedBody = 4096;

    public static (HttpRequestMessage Request, RecordedRequest Recorded) Build(ToolDefinition tool, JsonElement arguments, ResolvedCredential? credential)
    {
        var binding = tool.Binding;
        var path = binding.PathTemplate;
        var query = new List<KeyValuePair<string, string>>();
        var headers = new List<KeyValuePair<string, string>>();
        var cookies = new List<KeyValuePair<string, string>>();
        var formFields = new List<KeyValuePair<string, string>>();

        foreach (var parameter in binding.Parameters)
        {
            if (!TryGetArgument(arguments, parameter.Argument, out var value) && !SavedDefaults.TryGet(tool, parameter.Argument, out value))
            {
                if (parameter.Required)
                {
                    throw new ToolArgumentsException($"Missing required argument '{parameter.Argument}'.");
                }

                continue;
            }

            switch (parameter.In)
            {
                case ParameterLocation.Path:
                    path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(Scalar(value)), StringComparison.Ordinal);
                    break;
                case ParameterLocation.Query:
                    AddQuery(query, parameter, value);
                    break;
                case ParameterLocation.Header:
                    headers.Add(new(parameter.Name, Scalar(value)));
                    break;
                case ParameterLocation.Cookie:
                    cookies.Add(new(parameter.Name, Scalar(value)));
                    break;
                case ParameterLocation.FormField:
                    formFields.Add(new(parameter.Name, Scalar(value)));
                    break;
            }
        }

        if (credential is not null)
        {
            query.AddRange(credential.Query);
            headers.AddRange(credential.Headers);
            cookies.AddRange(credential.Cookies);
        }

        var url = binding.ServerUrl.TrimEnd('/') + path + QueryString(query);
        var request = new HttpRequestMessage(new HttpMethod(binding.Method), url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (binding.Accept is { Length: > 0 } accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var recordedBody = AttachBody(request, tool, arguments, formFields);
        var secrets = credential?.SecretValues.Where(s => s.Length > 0).ToList() ?? [];
        var recorded = new RecordedRequest(
            binding.Method,
            MaskAll(binding.ServerUrl.TrimEnd('/') + path + QueryString(query), secrets),
            headers.Concat(cookies.Count > 0 ? [new KeyValuePair<string, string>("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")))] : [])
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => MaskAll(string.Join(", ", g.Select(h => h.Value)), secrets), StringComparer.OrdinalIgnoreCase),
            recordedBody is null ? null : MaskAll(Truncate(recordedBody), secrets));
        return (request, recorded);
    }

    /// <summary>Replaces every occurrence of each secret (and its URL-encoded form) with a mask.</summary>
    public static string MaskAll(string text, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal).Replace(Uri.EscapeDataString(secret), Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static string? AttachBody(HttpRequestMessage request, ToolDefinition tool, JsonElement arguments, List<KeyValuePair<string, string>> formFields)
    {
        var binding = tool.Binding;
        var contentType = binding.BodyContentType;
        if (contentType is null)
        {
            return null;
        }

        if (binding.BodyArgument is { } bodyArgument)
        {
            if (!TryGetArgument(arguments, bodyArgument, out var body) && !SavedDefaults.TryGet(tool, bodyArgument, out body))
            {
                return null;
            }

            var text = body.ValueKind == JsonValueKind.String && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? body.GetString()!
                : body.GetRawText();
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
            return text;
        }

        if (formFields.Count == 0)
        {
            return null;
        }

        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in formFields)
            {
                multipart.Add(new StringContent(value, Encoding.UTF8), name);
            }

            request.Content = multipart;
        }
        else
        {
            request.Content = new FormUrlEncodedContent(formFields);
        }

        return string.Join("&", formFields.Select(f => $"{f.Key}={f.Value}"));
    }

    private static void AddQuery(List<KeyValuePair<string, string>> query, ParameterBinding parameter, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = value.EnumerateArray().Select(Scalar).ToList();
            if (parameter.Explode)
            {
                query.AddRange(items.Select(item => new KeyValuePair<string, string>(parameter.Name, item)));
            }
            else
            {
                var separator = parameter.Style switch { "spaceDelimited" => " ", "pipeDelimited" => "|", _ => "," };
                query.Add(new(parameter.Name, string.Join(separator, items)));
            }

            return;
        }

        query.Add(new(parameter.Name, Scalar(value)));
    }

    private static string QueryString(List<KeyValuePair<string, string>> query) =>
        query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));

    private static bool TryGetArgument(JsonElement arguments, string name, out JsonElement value)
    {
        value = default;
        return arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };

    private static string Truncate(string text) =>
        text.Length <= MaxRecordedBody ? text : text[..MaxRecordedBody] + string.Create(CultureInfo.InvariantCulture, $"… ({text.Length} chars)");
}
