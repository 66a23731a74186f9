namespace Coworker.Catalog.Import;

/// <summary>A Postman auth block: its type ("bearer", "apikey", "basic", "oauth2", "noauth", "inherit", …) and its parameters.</summary>
internal sealed record PostmanAuth(string Type, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string key] => Parameters.TryGetValue(key, out var value) ? value : null;
}
