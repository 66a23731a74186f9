using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// OpenAPI.NET builds a <see cref="Uri"/> from OAuth flow URLs, contact/license/terms URLs and externalDocs,
/// and throws on values real documents contain, such as templated token URLs
/// ("https://{subdomain}.authentication.{host}/oauth/token" in SAP's descriptions). Those values are
/// de-templated, or dropped when still unusable, before the document is read; the importer never calls
/// them, so nothing a tool does depends on them.
/// </summary>
internal static class OpenApiUrlRepair
{
    private static readonly HashSet<string> UrlKeys = ["authorizationUrl", "tokenUrl", "refreshUrl", "openIdConnectUrl", "oauth2MetadataUrl", "termsOfService"];
    private static readonly HashSet<string> UrlHolders = ["externalDocs", "contact", "license"];
    private static readonly HashSet<string> DataKeys = ["example", "examples", "default", "enum", "const", "value"];

    public static void Repair(JsonNode root, CancellationToken cancellationToken)
    {
        var pending = new Stack<(JsonNode Node, string? Key)>();
        pending.Push((root, null));
        var visited = 0;
        while (pending.TryPop(out var item))
        {
            if ((++visited & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (item.Node)
            {
                case JsonObject obj:
                    foreach (var key in obj.Select(p => p.Key).ToList())
                    {
                        var value = obj[key];
                        if (value is JsonValue text && text.TryGetValue<string>(out var url)
                            && (UrlKeys.Contains(key) || (key == "url" && item.Key is not null && UrlHolders.Contains(item.Key))))
                        {
                            Fix(obj, key, url);
                        }
                        else if (value is JsonObject or JsonArray && !DataKeys.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
                        {
                            pending.Push((value, key));
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var element in array)
                    {
                        if (element is JsonObject or JsonArray)
                        {
                            pending.Push((element, item.Key));
                        }
                    }

                    break;
            }
        }
    }

    private static void Fix(JsonObject holder, string key, string url)
    {
        if (Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out _))
        {
            return;
        }

        // Template braces are what usually breaks the URL ("https://{tenant}.example.com"): drop them, then
        // try percent-encoding what is left, and give up on the value only when neither helps.
        foreach (var candidate in new[] { url.Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal), Uri.EscapeDataString(url) })
        {
            if (Uri.TryCreate(candidate, UriKind.RelativeOrAbsolute, out _))
            {
                holder[key] = candidate;
                return;
            }
        }

        holder.Remove(key);
    }
}
