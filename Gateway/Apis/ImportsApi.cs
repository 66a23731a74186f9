using System.Security.Claims;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

/// <summary>Imports of API descriptions (OpenAPI 3.x, Swagger 2.0, Postman 2.1) into a tenant's catalog, as jobs.</summary>
public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants/{tenant}/imports").WithTags("Imports").RequireAuthorization();

        api.MapPost("/", StartImport)
            .WithMetadata(new BodyLimit(GatewayLimits.MaxImportBodyBytes))
            .WithName("StartImport")
            .WithSummary("Import an API description: multipart upload (file, sourceId[, baseUrl, oauthProvider, toolPrefix]) or JSON { sourceId, url[, toolPrefix] }. Answers 202 with the job; 409 when toolPrefix differs from the one the source was first imported with.");
        api.MapGet("/{id}", async Task<Ok<ImportJobInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string id) =>
                TypedResults.Ok(await Job(user, cluster, tenant, id).GetAsync()))
            .WithName("GetImport").WithSummary("Status, progress (operations done / total), tool changes and per-operation problems.");
        return app;
    }

    private static Task<Accepted<ImportJobInfo>> StartImport(ClaimsPrincipal user, IClusterClient cluster, string tenant, HttpRequest http) =>
        Start(user, cluster, tenant, () => ReadRequestAsync(http));

    /// <summary>Starts a job (Member); the caller's access is checked before <paramref name="read"/> takes the body.</summary>
    internal static async Task<Accepted<ImportJobInfo>> Start(ClaimsPrincipal user, IClusterClient cluster, string tenant, Func<Task<ImportRequest>> read)
    {
        var tenantId = TenantAccess.Require(user, tenant, TenantRole.Member);
        var request = await read();
        var id = Guid.NewGuid().ToString("N")[..16];
        var info = await cluster.GetGrain<IImportJobGrain>(GrainKeys.Compose(tenantId, id)).StartAsync(request);
        return TypedResults.Accepted($"/api/v1/tenants/{tenantId}/imports/{id}", info);
    }

    /// <summary>The job REST polls (Viewer); another tenant's or a malformed id is not found.</summary>
    internal static IImportJobGrain Job(ClaimsPrincipal user, IClusterClient cluster, string tenant, string id)
    {
        var tenantId = TenantAccess.Require(user, tenant, TenantRole.Viewer);
        return cluster.GetGrain<IImportJobGrain>(GrainKeys.Compose(tenantId, JobId(id)));
    }

    private static async Task<ImportRequest> ReadRequestAsync(HttpRequest http)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync();
            var file = form.Files.GetFile("file") ?? throw CoworkerException.Validation("The upload needs a 'file' field with the API description.");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            return new ImportRequest(form["sourceId"].ToString(), buffer.ToArray(), null, Optional(form["baseUrl"]), Optional(form["oauthProvider"]), Optional(form["toolPrefix"]));
        }

        var body = await http.ReadFromJsonAsync<ImportFromUrlRequest>()
            ?? throw CoworkerException.Validation("Send a multipart upload or a JSON body { sourceId, url }.");
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            throw CoworkerException.Validation("A JSON import needs 'url'; to upload a file use multipart/form-data.");
        }

        return new ImportRequest(body.SourceId ?? "", null, body.Url, body.BaseUrl, body.OAuthProvider, body.ToolPrefix);
    }

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.ToString();

    private static string JobId(string id) =>
        id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit) ? id : throw CoworkerException.NotFound("Import", id);
}
