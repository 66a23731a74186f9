namespace Coworker.Catalog;

[GenerateSerializer, Alias("Coworker.AuthKind")]
public enum AuthKind
{
    None = 0,
    OAuth2 = 1,
    ApiKey = 2,
    Basic = 3,
    Bearer = 4,
}

/// <summary>
/// What credential the upstream needs. OAuth2 names a tenant OAuth provider and scopes; API key, basic and
/// bearer name a tenant secret (write-only, encrypted) by <see cref="SecretRef"/>. The caller's own token
/// is never forwarded.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.AuthRequirement")]
public sealed record AuthRequirement(
    [property: Id(0)] AuthKind Kind,
    // OAuth provider id (e.g. "google"), for OAuth2.
    [property: Id(1)] string? Provider,
    [property: Id(2)] IReadOnlyList<string> Scopes,
    // Tenant secret name, for ApiKey/Basic/Bearer (defaults to the security scheme's name).
    [property: Id(3)] string? SecretRef,
    // For ApiKey: the header/query/cookie parameter that carries the key.
    [property: Id(4)] string? ParameterName,
    [property: Id(5)] ParameterLocation? ParameterIn)
{
    public static AuthRequirement None { get; } = new(AuthKind.None, null, [], null, null, null);
}
