using System.Security.Claims;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

/// <summary>A tenant's tools: listing, search, test runs against the real upstream, publish / unpublish / deprecate.</summary>
public static class ToolsApi
{
    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants/{tenant}/tools").WithTags("Tools").RequireAuthorization();

        api.MapGet("/", ListTools).WithName("ListTools").WithSummary("Tools ordered by name; filters: status, source, text.");
        api.MapGet("/search", SearchTools).WithName("SearchTools").WithSummary("Hybrid (meaning + keyword) search: ?q=...&k=10[&status=Published].");
        api.MapGet("/{name}", async Task<Ok<ToolInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name) =>
                TypedResults.Ok(await Tool(cluster, user, tenant, name, TenantRole.Viewer).GetAsync()))
            .WithName("GetTool").WithSummary("The tool's latest definition, status and versions.");
        api.MapPost("/{name}/test-runs", TestRun).WithName("TestRunTool")
            .WithSummary("Run the tool (latest version unless 'version') with sample arguments against the real upstream; the run is recorded.");
        api.MapGet("/{name}/test-runs", async Task<Ok<IReadOnlyList<TestRunResult>>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name) =>
                TypedResults.Ok(await Tool(cluster, user, tenant, name, TenantRole.Viewer).ListTestRunsAsync()))
            .WithName("ListTestRuns").WithSummary("The tool's recent test runs, newest first.");
        api.MapPost("/{name}/publish", async Task<Ok<ToolInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name, PublishRequest? request) =>
                TypedResults.Ok(await Tool(cluster, user, tenant, name, TenantRole.Owner).PublishAsync(request?.Version)))
            .WithName("PublishTool").WithSummary("Make a version (latest by default) callable by agents granted it (Owner).");
        api.MapPost("/{name}/unpublish", async Task<Ok<ToolInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name) =>
                TypedResults.Ok(await Tool(cluster, user, tenant, name, TenantRole.Owner).UnpublishAsync()))
            .WithName("UnpublishTool").WithSummary("Back to staged: agents can no longer call it (Owner).");
        api.MapPost("/{name}/deprecate", async Task<Ok<ToolInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name, DeprecateRequest? request) =>
                TypedResults.Ok(await Tool(cluster, user, tenant, name, TenantRole.Owner).DeprecateAsync(request?.Reason)))
            .WithName("DeprecateTool").WithSummary("Retire the tool; versions are kept (Owner).");
        return app;
    }

    internal static async Task<Ok<Page<ToolSummary>>> ListTools(
        ClaimsPrincipal user, IClusterClient cluster, string tenant, ToolStatus? status, string? source, string? text, int? limit, string? after)
    {
        var tenantId = TenantAccess.Require(user, tenant, TenantRole.Viewer);
        await cluster.GetGrain<ITenantGrain>(tenantId).GetAsync();
        var size = Math.Clamp(limit ?? 100, 1, 500);
        var items = await cluster.GetGrain<IToolCatalogGrain>(0).ListAsync(tenantId, new ToolFilter(status, source, text, size, after));
        return TypedResults.Ok(new Page<ToolSummary>(items, items.Count == size ? items[^1].Name : null));
    }

    internal static async Task<Ok<IReadOnlyList<ToolSearchHit>>> SearchTools(
        ClaimsPrincipal user, IClusterClient cluster, string tenant, string? q, int? k, ToolStatus? status)
    {
        var tenantId = TenantAccess.Require(user, tenant, TenantRole.Viewer);
        if (string.IsNullOrWhiteSpace(q) || q.Length > 1000)
        {
            throw CoworkerException.Validation("Search needs a query 'q' of 1-1000 characters.");
        }

        await cluster.GetGrain<ITenantGrain>(tenantId).GetAsync();
        return TypedResults.Ok(await cluster.GetGrain<IToolCatalogGrain>(0).SearchAsync(tenantId, q, Math.Clamp(k ?? 10, 1, 100), null, status));
    }

    private static async Task<Ok<TestRunResult>> TestRun(ClaimsPrincipal user, IClusterClient cluster, string tenant, string name, TestRunRequest? request)
    {
        var tenantId = TenantAccess.Require(user, tenant, TenantRole.Member);
        var toolName = ToolName(name);
        var arguments = request?.Arguments is { ValueKind: System.Text.Json.JsonValueKind.Object } args ? args.GetRawText() : "{}";
        return TypedResults.Ok(await cluster.GetGrain<IToolInvokerGrain>(0).TestRunAsync(tenantId, toolName, arguments, request?.Version));
    }

    internal static IToolGrain Tool(IClusterClient cluster, ClaimsPrincipal user, string tenant, string name, TenantRole minimum) =>
        cluster.GetGrain<IToolGrain>(GrainKeys.Compose(TenantAccess.Require(user, tenant, minimum), ToolName(name)));

    /// <summary>Tool names are MCP names ([A-Za-z0-9_-], at most 64); anything else cannot exist.</summary>
    private static string ToolName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? name
            : throw CoworkerException.NotFound("Tool", name);
}
