using System.Net;
using System.Net.Http.Json;
using Coworker.Tenants;
using Coworker.Tests.Gateway;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

/// <summary>A fresh tenant with an Owner key and a Member key, and shortcuts to its secrets endpoints.</summary>
internal sealed record SecretScenario(string Tenant, string OwnerKey, string MemberKey)
{
    public string Secrets => $"/api/v1/tenants/{Tenant}/secrets";

    public static async Task<SecretScenario> CreateAsync(GatewayFixture gateway, string prefix = "sec")
    {
        var tenant = await TenantScenario.CreateAsync(gateway, prefix);
        using var owner = gateway.WithKey(tenant.OwnerKey);
        return new SecretScenario(tenant.Tenant, tenant.OwnerKey, await KeyForAsync(owner, tenant.Tenant, "member@example.com", TenantRole.Member));
    }

    public static async Task<string> KeyForAsync(HttpClient owner, string tenant, string user, TenantRole role)
    {
        (await owner.PutAsJsonAsync($"/api/v1/tenants/{tenant}/users/{user}", new { role }, HttpAssertions.Json)).EnsureSuccessStatusCode();
        var issued = await (await owner.PostJsonAsync($"/api/v1/tenants/{tenant}/keys", new { user, name = "tests" }))
            .ReadAsync<IssuedApiKey>(HttpStatusCode.Created);
        return issued.Key;
    }
}
