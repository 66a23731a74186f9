namespace Coworker.Catalog.Import;

/// <summary>A Postman key/value entry: header, query parameter, form field, variable or path variable.</summary>
internal sealed record PostmanKeyValue(string Key, string? Value, bool Disabled, string? Description, string? Type);
