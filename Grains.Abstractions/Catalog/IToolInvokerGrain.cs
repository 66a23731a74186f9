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
}
