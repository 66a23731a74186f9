namespace Coworker.Tenants;

/// <summary>A tenant API key as listed: never the key itself, only a short prefix to recognise it by.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] string UserId,
    [property: Id(3)] string Prefix,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>Returned once, when a key is created: the only time the plain key exists outside the caller.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.IssuedApiKey")]
public sealed record IssuedApiKey(
    [property: Id(0)] ApiKeyInfo Info,
    [property: Id(1)] string Key);

/// <summary>Who a valid tenant API key speaks for, with the role the user holds now.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.TenantPrincipal")]
public sealed record TenantPrincipal(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string UserId,
    [property: Id(2)] TenantRole Role,
    [property: Id(3)] string KeyId);
