namespace Coworker.Catalog.Import;

/// <summary>
/// One operation would exceed a size limit of the import (expanded variables, schema branches, the size of
/// its tool definition). The importer skips that operation with a problem naming the limit; the rest imports.
/// </summary>
internal sealed class ImportLimitException(string message) : Exception(message);
