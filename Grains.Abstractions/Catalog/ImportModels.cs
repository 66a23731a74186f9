namespace Coworker.Catalog;

/// <summary>What an importer produced from one API description.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ImportedApi")]
public sealed record ImportedApi(
    [property: Id(0)] string Title,
    [property: Id(1)] string Version,
    // "openapi-3.0", "openapi-3.1", "swagger-2.0" or "postman-2.1".
    [property: Id(2)] string Format,
    [property: Id(3)] int OperationCount,
    [property: Id(4)] IReadOnlyList<ToolDefinition> Tools,
    // Per-operation problems that did not stop the import (the operation may be skipped).
    [property: Id(5)] IReadOnlyList<ImportProblem> Problems);

[GenerateSerializer, Immutable, Alias("Coworker.ImportProblem")]
public sealed record ImportProblem(
    // "GET /pets/{id}" or the Postman item path; empty for document-level problems.
    [property: Id(0)] string Operation,
    // JSON pointer into the description.
    [property: Id(1)] string Pointer,
    [property: Id(2)] string Message,
    [property: Id(3)] bool Skipped);
