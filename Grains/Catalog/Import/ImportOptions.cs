namespace Coworker.Catalog.Import;

/// <summary>What an import is allowed to do and how its results are labelled.</summary>
/// <param name="SourceId">Slug of the import source (e.g. "github-rest"); written into every tool's origin.</param>
public sealed record ImportOptions(string SourceId)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>Operations one import may hold when the tenant sets no limit of its own.</summary>
    public const int DefaultMaxOperations = Tenants.TenantQuotas.DefaultMaxOperationsPerImport;

    /// <summary>Resolves relative server URLs (OpenAPI "/api/v3", no Swagger 2 host, Postman "{{host}}").</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Tenant OAuth provider id for OAuth2/OpenID Connect tools; when null it is guessed from the server host.</summary>
    public string? OAuthProvider { get; init; }

    /// <summary>Postman environment values; they win over collection and folder variables, as in Postman.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>Content above this size is refused before any parsing.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Nesting depth at which inlined schemas are cut (recursive schemas are cut at their first repetition).</summary>
    public int MaxSchemaDepth { get; init; } = 10;

    /// <summary>Upper bound on JSON nodes in one tool's input or output schema; further references become stubs.</summary>
    public int MaxSchemaNodes { get; init; } = 5_000;

    /// <summary>Title and description length cap (characters).</summary>
    public int MaxDescriptionLength { get; init; } = 1024;

    /// <summary>Prepended to every tool name of this source ("v2_" + "addPet"), so two sources with the same operationIds can live side by side.</summary>
    public string? ToolPrefix { get; init; }

    /// <summary>Operations (OpenAPI path/method pairs, Postman requests) above this refuse the whole import before any is mapped.</summary>
    public int MaxOperations { get; init; } = DefaultMaxOperations;

    /// <summary>Characters that substituting Postman variables may add to one value; beyond it the request is skipped.</summary>
    public int MaxVariableExpansion { get; init; } = 8 * 1024;

    /// <summary>Branches of one allOf/anyOf/oneOf/prefixItems; an operation whose schemas have more is skipped.</summary>
    public int MaxSchemaBranches { get; init; } = 500;

    /// <summary>Characters of one tool's input schema, path, server and description; a larger operation is skipped (an output schema over it is dropped).</summary>
    public int MaxToolDefinitionLength { get; init; } = 256 * 1024;

    /// <summary>Wall-clock budget for one import; exceeding it throws <see cref="ImportErrorKind.Timeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
