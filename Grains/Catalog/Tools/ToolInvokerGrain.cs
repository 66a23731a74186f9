using System.Text.Json;
using Coworker.Common;
using Coworker.Execution;
using Coworker.Tenants;

namespace Coworker.Catalog.Tools;

/// <summary>
/// Runs tools against their upstreams. Stateless worker: calls to slow upstreams run concurrently on
/// many activations instead of queueing behind one grain.
/// </summary>
[StatelessWorker]
public sealed class ToolInvokerGrain(UpstreamExecutor executor, TimeProvider time) : Grain, IToolInvokerGrain
{
    private const int MaxRecordedResponse = 64 * 1024;

    public async Task<TestRunResult> TestRunAsync(string tenant, string tool, string argumentsJson, int? version)
    {
        var toolGrain = GrainFactory.GetGrain<IToolGrain>(GrainKeys.Compose(tenant, tool));
        var (definition, usedVersion) = await toolGrain.GetVersionAsync(version);
        var tenantInfo = await GrainFactory.GetGrain<ITenantGrain>(tenant).GetAsync();

        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
            arguments = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw CoworkerException.Validation("The test-run arguments are not valid JSON.");
        }

        var result = await executor.ExecuteAsync(tenant, definition, arguments, new NetworkAllowlist(tenantInfo.NetworkAllowlist));
        var (matches, schemaErrors) = CheckOutput(definition, result);
        var run = new TestRunResult(
            Guid.NewGuid().ToString("N")[..12], usedVersion, time.GetUtcNow(), result.Request, result.Status, result.ContentType,
            result.Body is { Length: > MaxRecordedResponse } body ? body[..MaxRecordedResponse] : result.Body,
            result.LatencyMs, result.Outcome, result.Error, matches, schemaErrors);
        await toolGrain.RecordTestRunAsync(run);
        return run;
    }

    private static (bool? Matches, IReadOnlyList<string> Errors) CheckOutput(ToolDefinition definition, UpstreamResult result)
    {
        if (definition.OutputSchema is null || !result.IsSuccess || result.Body is null
            || result.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(result.Body);
            var errors = SchemaValidator.Validate(definition.OutputSchema, document.RootElement);
            return (errors.Count == 0, errors);
        }
        catch (JsonException)
        {
            return (false, ["the response body is not valid JSON"]);
        }
    }
}
