namespace Coworker.Catalog.Import;

/// <summary>A Postman request URL, normalised to its parts whether it was written as a string or an object.</summary>
internal sealed record PostmanUrl(
    string? Protocol,
    IReadOnlyList<string> Host,
    string? Port,
    IReadOnlyList<string> Path,
    IReadOnlyList<PostmanKeyValue> Query,
    IReadOnlyList<PostmanKeyValue> PathVariables);
