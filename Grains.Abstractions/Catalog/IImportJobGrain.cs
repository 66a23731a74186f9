namespace Coworker.Catalog;

/// <summary>
/// One import of one API description, keyed "{tenant}/{jobId}". Start returns at once; the job parses
/// off the grain scheduler and writes tools in batches, reporting progress as it goes.
/// </summary>
[Alias("Coworker.IImportJobGrain")]
public interface IImportJobGrain : IGrainWithStringKey
{
    Task<ImportJobInfo> StartAsync(ImportRequest request);

    [AlwaysInterleave]
    Task<ImportJobInfo> GetAsync();
}
