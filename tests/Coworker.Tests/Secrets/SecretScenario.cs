using System.Net;
using System.Net.Http.Json;
using Coworker.Tenants;
using Coworker.Tests.Gateway;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

/// <summary>A fresh tenant with an Owner key and a Member key, and shortcuts to its secrets endpoints.</summary>
internal sealed record SecretScenario(string Tenant, string OwnerKey, string MemberKey)
{
    /// <summary>The host tests approve for secrets they only resolve (no request is sent to it).</summary>
    public static readonly string[] ApprovedHosts = ["api.example.com"];

    /// <summary>A request target on <see cref="ApprovedHosts"/>.</summary>
    public static readonly Uri ApprovedTarget = new("https://api.example.com/v1/things");

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
