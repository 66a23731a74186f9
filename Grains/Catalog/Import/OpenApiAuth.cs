using Microsoft.OpenApi;

namespace Coworker.Catalog.Import;

/// <summary>
/// Security requirements to an <see cref="AuthRequirement"/>: the operation's list overrides the document's
/// (an explicit empty list means anonymous), the first requirement wins, and in it the first scheme.
/// </summary>
internal static class OpenApiAuth
{
    public static AuthRequirement Map(
        IList<OpenApiSecurityRequirement>? operationSecurity,
        IList<OpenApiSecurityRequirement>? documentSecurity,
        string serverUrl,
        ImportOptions options,
        ICollection<string> notes)
    {
        var requirements = operationSecurity ?? documentSecurity;
        if (requirements is not { Count: > 0 } || requirements[0].Count == 0)
        {
            return AuthRequirement.None;
        }

        var (reference, scopes) = requirements[0].First();
        var name = reference.Reference.Id ?? "auth";
        var scheme = reference.Target ?? throw new SchemaReferenceException("#/components/securitySchemes/" + name, cycle: false);
        switch (scheme.Type)
        {
            case SecuritySchemeType.OAuth2:
            case SecuritySchemeType.OpenIdConnect:
                var flows = scheme.Flows;
                var provider = OAuthProviderGuess.Guess(
                    options,
                    name,
                    serverUrl,
                    flows?.AuthorizationCode?.AuthorizationUrl?.ToString(),
                    flows?.AuthorizationCode?.TokenUrl?.ToString(),
                    flows?.Implicit?.AuthorizationUrl?.ToString(),
                    flows?.ClientCredentials?.TokenUrl?.ToString(),
                    scheme.OpenIdConnectUrl?.ToString());
                return new AuthRequirement(AuthKind.OAuth2, provider, [.. scopes ?? []], null, null, null);
            case SecuritySchemeType.ApiKey:
                return new AuthRequirement(AuthKind.ApiKey, null, [], name, scheme.Name, Location(scheme.In));
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase):
                return new AuthRequirement(AuthKind.Basic, null, [], name, null, null);
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase):
                return new AuthRequirement(AuthKind.Bearer, null, [], name, null, null);
            default:
                notes.Add($"security scheme '{name}' ({scheme.Type} {scheme.Scheme}) is not supported; the tool is imported without auth");
                return AuthRequirement.None;
        }
    }

    private static ParameterLocation? Location(Microsoft.OpenApi.ParameterLocation? location) => location switch
    {
        Microsoft.OpenApi.ParameterLocation.Header => ParameterLocation.Header,
        Microsoft.OpenApi.ParameterLocation.Query => ParameterLocation.Query,
        Microsoft.OpenApi.ParameterLocation.Cookie => ParameterLocation.Cookie,
        _ => ParameterLocation.Header,
    };
}
