namespace Coworker.Catalog.Import;

/// <summary>One Postman request as saved in the collection.</summary>
internal sealed record PostmanRequest(
    string Method,
    PostmanUrl Url,
    IReadOnlyList<PostmanKeyValue> Headers,
    PostmanBody? Body,
    PostmanAuth? Auth,
    string? Description);
