namespace Coworker.Catalog.Import;

/// <summary>
/// A Postman auth block (after inheritance) to an <see cref="AuthRequirement"/>. Literal credentials in a
/// collection are never copied: a secret is named after the variable that holds it ("{{UserAccessToken}}"
/// -> "UserAccessToken") or after the auth type. With no auth block, an "Authorization: Bearer {{X}}" header
/// is understood as bearer auth, because the platform, not the model, supplies credentials.
/// </summary>
internal static class PostmanAuthMapper
{
    public static AuthRequirement Map(PostmanAuth? auth, string? authorizationHeader, string serverUrl, ImportOptions options, ICollection<string> notes)
    {
        switch (auth?.Type)
        {
            case null or "noauth":
                return FromHeader(authorizationHeader);
            case "bearer":
                return new AuthRequirement(AuthKind.Bearer, null, [], SecretName(auth["token"], "bearer"), null, null);
            case "apikey":
                var location = string.Equals(auth["in"], "query", StringComparison.OrdinalIgnoreCase) ? ParameterLocation.Query : ParameterLocation.Header;
                return new AuthRequirement(AuthKind.ApiKey, null, [], SecretName(auth["value"], "apikey"), auth["key"] ?? "X-API-Key", location);
            case "basic":
                return new AuthRequirement(AuthKind.Basic, null, [], SecretName(auth["password"], null) ?? SecretName(auth["username"], "basic"), null, null);
            case "oauth2":
                var scopes = (auth["scope"] ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var provider = OAuthProviderGuess.Guess(options, "oauth2", serverUrl, auth["authUrl"], auth["accessTokenUrl"]);
                return new AuthRequirement(AuthKind.OAuth2, provider, scopes, null, null, null);
            default:
                notes.Add($"Postman auth type '{auth.Type}' is not supported; the tool is imported without auth");
                return AuthRequirement.None;
        }
    }

    private static AuthRequirement FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthRequirement.None;
        }

        var parts = header.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        var credential = parts.Length == 2 ? parts[1] : null;
        return parts[0].ToLowerInvariant() switch
        {
            "bearer" => new AuthRequirement(AuthKind.Bearer, null, [], SecretName(credential, "bearer"), null, null),
            "basic" => new AuthRequirement(AuthKind.Basic, null, [], SecretName(credential, "basic"), null, null),
            _ => AuthRequirement.None,
        };
    }

    private static string? SecretName(string? value, string? fallback) =>
        PostmanVariables.SoleVariable(value) is { } variable ? ToolNameAllocator.Sanitize(variable, 64) : fallback;
}
