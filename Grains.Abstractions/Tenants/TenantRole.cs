namespace Coworker.Tenants;

/// <summary>A user's role within one tenant. Owner manages users and keys; Member manages agents; Viewer reads.</summary>
[GenerateSerializer, Alias("Coworker.TenantRole")]
public enum TenantRole
{
    Viewer = 0,
    Member = 1,
    Owner = 2,
}
