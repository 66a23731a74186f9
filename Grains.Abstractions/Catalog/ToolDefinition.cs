namespace Coworker.Catalog;

/// <summary>
/// One callable tool generated from one API operation: what an MCP client sees (name, title,
/// description, schemas, annotations) and how the platform calls the upstream (binding, auth).
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.ToolDefinition")]
public sealed record ToolDefinition(
    // Unique within the tenant; MCP-safe: [A-Za-z0-9_-], at most 64 characters.
    [property: Id(0)] string Name,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    // JSON Schema (draft 2020-12) of the arguments, as JSON text.
    [property: Id(3)] string InputSchema,
    // JSON Schema of the successful response body, when the description declares one.
    [property: Id(4)] string? OutputSchema,
    [property: Id(5)] HttpBinding Binding,
    [property: Id(6)] AuthRequirement Auth,
    [property: Id(7)] ToolAnnotations Annotations,
    // Where it came from: the import source id and the operation ("GET /pets/{petId}").
    [property: Id(8)] ToolOrigin Origin,
    [property: Id(9)] IReadOnlyList<string> Tags,
    // Findings of the tool-poisoning screen (e.g. instruction-like text); empty when clean.
    [property: Id(10)] IReadOnlyList<string> ReviewFlags,
    // SHA-256 over the parts that change the tool's contract; equal hash = unchanged tool.
    [property: Id(11)] string SchemaHash);

[GenerateSerializer, Immutable, Alias("Coworker.ToolOrigin")]
public sealed record ToolOrigin(
    [property: Id(0)] string SourceId,
    [property: Id(1)] string Format,
    // "GET /pets/{petId}" for OpenAPI/Swagger; the request's folder path and name for Postman.
    [property: Id(2)] string Operation,
    // JSON pointer of the operation in the description, e.g. "/paths/~1pets~1{petId}/get".
    [property: Id(3)] string Pointer,
    [property: Id(4)] string? OperationId);

[GenerateSerializer, Immutable, Alias("Coworker.ToolAnnotations")]
public sealed record ToolAnnotations(
    [property: Id(0)] bool ReadOnly,
    [property: Id(1)] bool Destructive,
    [property: Id(2)] bool Idempotent,
    [property: Id(3)] bool OpenWorld = true);
