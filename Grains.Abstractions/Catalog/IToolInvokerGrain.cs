namespace Coworker.Catalog;

/// <summary>
/// Builds and sends upstream requests for tools (SSRF guard, timeouts, size cap, tenant secrets).
/// A stateless worker: many activations per silo, no state, so slow upstreams never block a grain.
/// </summary>
[Alias("Coworker.IToolInvokerGrain")]
public interface IToolInvokerGrain : IGrainWithIntegerKey
{
    /// <summary>Runs one version of a tool (latest when null) with JSON arguments and records the run on the tool.</summary>
    Task<TestRunResult> TestRunAsync(string tenant, string tool, string argumentsJson, int? version);

    /// <summary>
    /// A governed call by an agent: permission and quota (agent grain), the published version only, the
    /// tenant's credential, the upstream request; audited either way. Denials are results, not exceptions.
    /// </summary>
    Task<ToolCallResult> InvokeAsync(string tenant, string agent, string tool, string argumentsJson);

    /// <summary>
    /// The agent's tools for tools/list: granted through its roles and published now, ordered by name. One call,
    /// answered from the silo's cache of published definitions, however many tools the agent has.
    /// </summary>
    Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(string tenant, string agent);
}
