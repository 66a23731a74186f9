namespace Coworker.Catalog.Import;

/// <summary>A folder (with <see cref="Items"/>) or a request (with <see cref="Request"/>) and its JSON pointer in the collection.</summary>
internal sealed record PostmanItem(
    string Name,
    string Pointer,
    string? Description,
    bool IsFolder,
    PostmanRequest? Request,
    IReadOnlyList<PostmanItem> Items,
    PostmanAuth? Auth,
    IReadOnlyList<PostmanKeyValue> Variables);
