using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coworker.Catalog.Import;

/// <summary>
/// A Postman body as tool arguments: raw JSON becomes a "body" argument whose schema is inferred from the
/// saved example; other raw text a string "body"; urlencoded and formdata fields one form-field argument
/// each (files as base64 strings); GraphQL a JSON body with query and variables.
/// </summary>
internal static partial class PostmanBodyMapper
{
    private const int MaxExampleLength = 4000;

    public static (string? ContentType, string? BodyArgument) Add(
        InputSchemaBuilder builder, PostmanBody? body, string? contentTypeHeader, PostmanVariables variables, ImportOptions options, ICollection<string> flags)
    {
        switch (body?.Mode)
        {
            case "urlencoded" or "formdata" when body.Fields.Any(f => !f.Disabled):
                var multipart = body.Mode == "formdata";
                foreach (var field in body.Fields.Where(f => !f.Disabled))
                {
                    var (schema, required) = PostmanArguments.FromValue(field.Value, field.Description, variables, flags, $"form field '{field.Key}'", options.MaxDescriptionLength);
                    if (multipart && field.Type == "file")
                    {
                        schema = new JsonObject { ["type"] = "string", ["format"] = "binary", ["contentEncoding"] = "base64" };
                        required = true;
                    }

                    builder.AddParameter(field.Key, ParameterLocation.FormField, schema, required, "form", explode: true);
                }

                return (contentTypeHeader ?? (multipart ? MediaTypes.Multipart : MediaTypes.FormUrlEncoded), null);
            case "raw" when !string.IsNullOrWhiteSpace(body.Raw):
                return Raw(builder, body, contentTypeHeader, variables, options.MaxSchemaDepth);
            case "graphql" when body.GraphQl is { } graphQl:
                var query = new JsonObject { ["type"] = "string" };
                if (graphQl["query"] is JsonValue saved && saved.TryGetValue<string>(out var text))
                {
                    query["default"] = text;
                }

                var graphSchema = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["query"] = query, ["variables"] = new JsonObject { ["type"] = "object" } },
                    ["required"] = new JsonArray("query"),
                };
                return (MediaTypes.Json, builder.AddBody(graphSchema, required: true));
            case "file":
                var file = new JsonObject { ["type"] = "string", ["format"] = "binary", ["contentEncoding"] = "base64" };
                return (contentTypeHeader ?? "application/octet-stream", builder.AddBody(file, required: true));
            default:
                return (null, null);
        }
    }

    private static (string? ContentType, string? BodyArgument) Raw(
        InputSchemaBuilder builder, PostmanBody body, string? contentTypeHeader, PostmanVariables variables, int maxDepth)
    {
        var text = variables.Substitute(body.Raw!, new List<string>());
        var contentType = contentTypeHeader ?? body.Language?.ToLowerInvariant() switch
        {
            "json" => MediaTypes.Json,
            "xml" => "application/xml",
            "html" => "text/html",
            "javascript" => "application/javascript",
            "text" => "text/plain",
            _ => LooksLikeJson(text) ? MediaTypes.Json : "text/plain",
        };

        if (MediaTypes.IsJson(contentType) && TryParse(text) is { } example)
        {
            var schema = JsonSchemaInference.Infer(example, maxDepth);
            if (text.Length <= MaxExampleLength)
            {
                schema["examples"] = new JsonArray(example);
            }

            return (contentType, builder.AddBody(schema, required: true));
        }

        var raw = new JsonObject { ["type"] = "string" };
        if (text.Length <= MaxExampleLength)
        {
            raw["examples"] = new JsonArray(text);
        }

        return (contentType, builder.AddBody(raw, required: true));
    }

    // Unresolved variables may stand where JSON needs a value ("count": {{n}}); when the text does not
    // parse as it is, quote them and try once more.
    private static JsonNode? TryParse(string text) =>
        Parse(text) ?? (PostmanVariables.HasVariable(text) ? Parse(BareVariable().Replace(text, m => "\"" + m.Value + "\"")) : null);

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool LooksLikeJson(string text) => text.TrimStart() is { Length: > 0 } t && t[0] is '{' or '[';

    [GeneratedRegex(@"(?<=[:\[,]\s*)\{\{[^{}]+\}\}(?=\s*[,\]}])")]
    private static partial Regex BareVariable();
}
