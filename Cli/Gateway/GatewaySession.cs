using System.Text.Json;

namespace Coworker.Cli.Gateway;

/// <summary>What a catalog command works with: the client, the tenant, the output mode and the two streams.</summary>
internal sealed class GatewaySession(GatewayClient client, string tenant, bool json, TextWriter output, TextWriter error)
{
    public GatewayClient Client { get; } = client;

    public string Tenant { get; } = tenant;

    /// <summary>True with <c>--json</c>: print the Gateway's JSON instead of tables.</summary>
    public bool Json { get; } = json;

    public TextWriter Output { get; } = output;

    /// <summary>Progress and errors go here, so stdout stays the answer.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>"api/v1/tenants/{tenant}/{rest}" with the tenant escaped.</summary>
    public string TenantPath(string rest) => $"api/v1/tenants/{Uri.EscapeDataString(Tenant)}/{rest}";

    public string ToolPath(string name, string? rest = null) =>
        TenantPath($"tools/{Uri.EscapeDataString(name)}{(rest is null ? "" : "/" + rest)}");

    public Task WriteJsonAsync(JsonElement json) => Output.WriteLineAsync(GatewayJson.Print(json));
}
