namespace Coworker.Catalog.Import;

/// <summary>Why a whole API description could not be imported.</summary>
public enum ImportErrorKind
{
    /// <summary>The content is over <see cref="ImportOptions.MaxBytes"/>, or expands (YAML aliases) beyond the parser's node budget.</summary>
    TooLarge,

    /// <summary>Not well-formed JSON/YAML, or not a usable description (line and position when known).</summary>
    Malformed,

    /// <summary>A known format in a version the importer does not read (OpenAPI 4, Swagger 1.2, Postman v1/v2.0).</summary>
    UnsupportedVersion,

    /// <summary>Parses, but is neither OpenAPI/Swagger nor a Postman collection.</summary>
    UnsupportedFormat,

    /// <summary>References that only point at each other, so no operation can be resolved.</summary>
    ReferenceCycle,

    /// <summary>The import did not finish within <see cref="ImportOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>More operations than <see cref="ImportOptions.MaxOperations"/>; refused before anything was mapped.</summary>
    TooManyOperations,
}
