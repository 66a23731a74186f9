using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coworker.Gateway;

/// <summary>Declares the API-key bearer scheme in the OpenAPI document so the API reference can send it.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Coworker API";
        document.Info.Description = "Tenants, agents and their lifecycle. Authenticate with 'Authorization: Bearer <admin or tenant API key>'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An admin key (cwa_…) or a tenant API key (cwk_{tenant}_…).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
