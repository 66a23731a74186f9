namespace Coworker.Tenants;

[GenerateSerializer, Alias("Coworker.TenantStatus")]
public enum TenantStatus
{
    Active = 0,
    Disabled = 1,
}
