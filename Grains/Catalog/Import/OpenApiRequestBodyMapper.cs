using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Coworker.Catalog.Import;

/// <summary>
/// The request body as tool arguments. JSON and other bodies become one "body" argument; form bodies
/// (urlencoded or multipart) with object schemas become one argument per field, bound as form fields.
/// Binary content is described as a base64 string, which is how a model can pass it.
/// </summary>
internal sealed class OpenApiRequestBodyMapper(SchemaInliner inliner, List<string> flags, int maxText)
{
    public (string? ContentType, string? BodyArgument) Add(InputSchemaBuilder builder, IOpenApiRequestBody? body)
    {
        if (body is OpenApiRequestBodyReference { UnresolvedReference: true } or OpenApiRequestBodyReference { Target: null })
        {
            var reference = (OpenApiRequestBodyReference)body;
            throw new SchemaReferenceException(reference.Reference.ReferenceV3 ?? "requestBody", cycle: false);
        }

        if (body?.Content is not { Count: > 0 } content)
        {
            return (null, null);
        }

        var (mediaType, media) = MediaTypes.PickRequest(content);
        var schema = media.Schema is null ? new JsonObject() : inliner.Inline(OpenApiSchemas.ToJson(media.Schema), "request body");
        if (MediaTypes.IsForm(mediaType) && schema is JsonObject form && form["properties"] is JsonObject { Count: > 0 } fields)
        {
            var required = (form["required"] as JsonArray)?.Select(r => r?.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];
            var multipart = MediaTypes.Bare(mediaType) == MediaTypes.Multipart;
            foreach (var (name, field) in fields)
            {
                var fieldSchema = field?.DeepClone() as JsonObject ?? [];
                if (multipart && fieldSchema["format"]?.ToString() == "binary")
                {
                    fieldSchema["contentEncoding"] = "base64";
                }

                builder.AddParameter(name, ParameterLocation.FormField, fieldSchema, required.Contains(name), "form", explode: true);
            }

            return (mediaType, null);
        }

        if (schema is not JsonObject whole)
        {
            whole = [];
        }

        if (MediaTypes.IsBinary(mediaType) || whole["format"]?.ToString() == "binary")
        {
            var description = whole["description"]?.DeepClone();
            whole = new JsonObject { ["type"] = "string", ["format"] = "binary", ["contentEncoding"] = "base64" };
            if (description is not null)
            {
                whole["description"] = description;
            }
        }

        if (!string.IsNullOrWhiteSpace(body.Description) && !whole.ContainsKey("description"))
        {
            whole["description"] = PoisoningScreen.Clean(body.Description, multiline: true, flags, "request body", maxText);
        }

        return (mediaType, builder.AddBody(whole, body.Required));
    }
}
