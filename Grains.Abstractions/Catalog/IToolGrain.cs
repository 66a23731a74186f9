namespace Coworker.Catalog;

/// <summary>
/// One tool of one tenant, keyed "{tenant}/{tool}": its definition versions, status and test runs.
/// Upstream I/O never happens here (see <see cref="IToolInvokerGrain"/>), so this grain stays responsive.
/// </summary>
[Alias("Coworker.IToolGrain")]
public interface IToolGrain : IGrainWithStringKey
{
    /// <summary>Adds the tool, or a new version when the schema hash changed; unchanged input changes nothing.</summary>
    Task<ToolChange> ApplyImportAsync(ToolDefinition definition, string importId);

    /// <summary>Marks a tool whose operation disappeared from its source as deprecated.</summary>
    Task<ToolChange> MarkRemovedAsync(string importId);

    [ReadOnly]
    Task<ToolInfo> GetAsync();

    /// <summary>The definition a call should use: the published version, or null when not callable.</summary>
    [ReadOnly]
    ValueTask<ToolDefinition?> GetPublishedAsync();

    /// <summary>The definition of one version (latest when null), for test runs.</summary>
    [ReadOnly]
    Task<(ToolDefinition Definition, int Version)> GetVersionAsync(int? version);

    /// <summary>Publishes the given version (the latest when null).</summary>
    Task<ToolInfo> PublishAsync(int? version);

    Task<ToolInfo> UnpublishAsync();

    Task<ToolInfo> DeprecateAsync(string? reason);

    Task RecordTestRunAsync(TestRunResult run);

    [ReadOnly]
    Task<IReadOnlyList<TestRunResult>> ListTestRunsAsync();
}
