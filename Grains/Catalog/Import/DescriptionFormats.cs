using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// Recognises the description from its root object, before any format-specific parser sees it, so an
/// unknown version ("openapi: 4.0.0", "swagger: 1.2", a Postman v1 export) gets a precise error.
/// </summary>
internal static class DescriptionFormats
{
    public static string Name(this DescriptionFormat format) => format switch
    {
        DescriptionFormat.OpenApi30 => "openapi-3.0",
        DescriptionFormat.OpenApi31 => "openapi-3.1",
        DescriptionFormat.Swagger20 => "swagger-2.0",
        DescriptionFormat.Postman21 => "postman-2.1",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static DescriptionFormat Detect(JsonNode root)
    {
        if (root is not JsonObject obj)
        {
            throw new ImportException(ImportErrorKind.UnsupportedFormat, "The description is not an object; expected OpenAPI, Swagger or a Postman collection.");
        }

        if (obj["openapi"] is { } openapi)
        {
            var version = Scalar(openapi);
            return version switch
            {
                _ when version.StartsWith("3.0", StringComparison.Ordinal) => DescriptionFormat.OpenApi30,
                _ when version.StartsWith("3.1", StringComparison.Ordinal) => DescriptionFormat.OpenApi31,
                _ => throw Unsupported($"OpenAPI {Short(version)} is not supported; the importer reads OpenAPI 3.0 and 3.1 and Swagger 2.0."),
            };
        }

        if (obj["swagger"] is { } swagger)
        {
            var version = Scalar(swagger);
            return version is "2.0" or "2.0.0" or "2"
                ? DescriptionFormat.Swagger20
                : throw Unsupported($"Swagger {Short(version)} is not supported; convert it to Swagger 2.0 or OpenAPI 3.");
        }

        if (obj["swaggerVersion"] is { } legacy)
        {
            throw Unsupported($"Swagger {Short(Scalar(legacy))} is not supported; convert it to Swagger 2.0 or OpenAPI 3.");
        }

        return DetectPostman(obj);
    }

    private static DescriptionFormat DetectPostman(JsonObject obj)
    {
        var schema = (obj["info"] as JsonObject)?["schema"] is JsonValue s && s.TryGetValue<string>(out var text) ? text : null;
        if (schema is not null && schema.Contains("getpostman.com", StringComparison.OrdinalIgnoreCase))
        {
            if (schema.Contains("/v2.1", StringComparison.Ordinal))
            {
                return DescriptionFormat.Postman21;
            }

            var version = schema.Contains("/v2.0", StringComparison.Ordinal) ? "v2.0" : schema.Contains("/v1", StringComparison.Ordinal) ? "v1" : "of an unknown version";
            throw Unsupported($"Postman Collection {version} is not supported; export the collection as v2.1 from Postman.");
        }

        // Postman v1 exports have no info block: requests, folders and order sit at the root.
        if (obj["requests"] is JsonArray && (obj["order"] is not null || obj["folders"] is not null || obj["name"] is not null))
        {
            throw Unsupported("Postman Collection v1 is not supported; export the collection as v2.1 from Postman.");
        }

        if (obj["item"] is JsonArray && obj["info"] is JsonObject)
        {
            throw Unsupported("This looks like a Postman collection without a recognised schema version; export it as v2.1 from Postman.");
        }

        throw new ImportException(ImportErrorKind.UnsupportedFormat, "The description is neither OpenAPI/Swagger (no \"openapi\" or \"swagger\" field) nor a Postman collection.");
    }

    private static ImportException Unsupported(string message) => new(ImportErrorKind.UnsupportedVersion, message);

    private static string Scalar(JsonNode node) => node is JsonValue v ? v.ToString() : node.ToJsonString();

    private static string Short(string value) => value.Length > 20 ? value[..20] + "…" : value;
}
