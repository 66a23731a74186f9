namespace Coworker.Catalog.Import;

/// <summary>The parts of a Postman Collection v2.1 the importer uses (scripts and saved responses are ignored).</summary>
internal sealed record PostmanCollection(
    string Name,
    string? Version,
    IReadOnlyList<PostmanItem> Items,
    PostmanAuth? Auth,
    IReadOnlyList<PostmanKeyValue> Variables);
