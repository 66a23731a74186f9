namespace Coworker.Tenants;

[GenerateSerializer, Immutable, Alias("Coworker.TenantUser")]
public sealed record TenantUser(
    [property: Id(0)] string UserId,
    [property: Id(1)] TenantRole Role,
    [property: Id(2)] DateTimeOffset AddedAt);
