using Coworker.Tenants;

namespace Coworker.Gateway.Apis.Contracts;

public sealed record CreateTenantRequest(string? Id, string? DisplayName, string? Owner, TenantQuotas? Quotas);

public sealed record UpdateTenantRequest(string? DisplayName, TenantQuotas? Quotas, IReadOnlyList<string>? NetworkAllowlist);

public sealed record SetUserRequest(TenantRole Role);

public sealed record CreateApiKeyRequest(string? User, string? Name);
