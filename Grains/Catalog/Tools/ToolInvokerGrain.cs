using System.Globalization;
using System.Text.Json;
using Coworker.Agents;
using Coworker.Audit;
using Coworker.Common;
using Coworker.Execution;
using Coworker.Tenants;

namespace Coworker.Catalog.Tools;

/// <summary>
/// Runs tools against their upstreams. A stateless worker, so calls are served on the silo that received them,
/// and reentrant: a call spends almost all its time waiting (agent grain, upstream, audit ack), and without
/// interleaving a silo would run only as many tool calls at once as it has worker activations (one per core by
/// default) — that queue, not the CPU, capped the calls per second. Its only state is the allowlist cache,
/// which turns (one at a time per activation even when interleaved) read and replace whole.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class ToolInvokerGrain(UpstreamExecutor executor, PublishedToolCache publishedTools, IAuditLog audit, TimeProvider time)
    : Grain, IToolInvokerGrain
{
    private const int MaxRecordedResponse = 64 * 1024;

    // Tenant network allowlists change rarely; each worker activation re-reads them after this long.
    private static readonly TimeSpan AllowlistCacheTime = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, (NetworkAllowlist List, long At)> _allowlists = new(StringComparer.Ordinal);

    public async Task<ToolCallResult> InvokeAsync(string tenant, string agent, string tool, string argumentsJson)
    {
        var actor = $"agent:{agent}";
        var authorization = await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent)).AuthorizeCallAsync(tool);
        if (!authorization.Allowed)
        {
            var (kind, outcome) = authorization.Reason switch
            {
                DenialReason.RateLimited => (AuditKinds.RateLimited, ToolCallOutcomes.RateLimited),
                DenialReason.QuotaExhausted => (AuditKinds.QuotaExhausted, ToolCallOutcomes.QuotaExhausted),
                _ => (AuditKinds.ToolDenied, ToolCallOutcomes.Denied),
            };
            await AuditAsync(tenant, kind, actor, tool, outcome, new() { ["reason"] = authorization.Reason.ToString() });
            return new ToolCallResult(true, authorization.Message ?? "The call was denied.", null, outcome, null, 0, authorization.RetryAfter);
        }

        var definition = await publishedTools.GetAsync(GrainFactory, tenant, tool);
        if (definition is null)
        {
            await AuditAsync(tenant, AuditKinds.ToolDenied, actor, tool, ToolCallOutcomes.NotPublished, new() { ["reason"] = "NotPublished" });
            return new ToolCallResult(true, $"Tool '{tool}' is not published.", null, ToolCallOutcomes.NotPublished, null, 0, null);
        }

        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
            arguments = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new ToolCallResult(true, "The arguments are not valid JSON.", null, UpstreamOutcome.InvalidArguments, null, 0, null);
        }

        var result = await executor.ExecuteAsync(tenant, definition, arguments, await AllowlistAsync(tenant));
        var detail = new Dictionary<string, string>
        {
            ["latency_ms"] = result.LatencyMs.ToString(CultureInfo.InvariantCulture),
            ["method"] = definition.Binding.Method,
        };
        if (result.Status is { } status)
        {
            detail["status"] = status.ToString(CultureInfo.InvariantCulture);
        }

        if (definition.Auth.Kind is not Catalog.AuthKind.None)
        {
            detail["credential"] = definition.Auth.Kind.ToString();
        }

        await AuditAsync(tenant, AuditKinds.ToolCall, actor, tool, result.Outcome, detail);
        return ToCallResult(definition, result);
    }

    public async Task<IReadOnlyList<ToolDefinition>> ListToolsAsync(string tenant, string agent)
    {
        var granted = await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent)).GetGrantedToolsAsync();
        var definitions = await Task.WhenAll(granted.Select(name => publishedTools.GetAsync(GrainFactory, tenant, name).AsTask()));
        return definitions.OfType<ToolDefinition>().OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

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

    private static ToolCallResult ToCallResult(ToolDefinition definition, UpstreamResult result)
    {
        var text = result.Body ?? result.Error ?? result.Outcome;
        if (!result.IsSuccess && result.Body is not null)
        {
            text = $"{result.Error}\n{result.Body}";
        }

        string? structured = null;
        if (result.IsSuccess && definition.OutputSchema is not null && result.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            && result.Body is { Length: > 0 } body && body.TrimStart().StartsWith('{'))
        {
            structured = body;
        }

        return new ToolCallResult(!result.IsSuccess, text, structured, result.Outcome, result.Status, result.LatencyMs, null);
    }

    private async Task<NetworkAllowlist> AllowlistAsync(string tenant)
    {
        if (_allowlists.TryGetValue(tenant, out var cached) && time.GetElapsedTime(cached.At) < AllowlistCacheTime)
        {
            return cached.List;
        }

        var info = await GrainFactory.GetGrain<ITenantGrain>(tenant).GetAsync();
        var list = new NetworkAllowlist(info.NetworkAllowlist);
        _allowlists[tenant] = (list, time.GetTimestamp());
        return list;
    }

    private Task AuditAsync(string tenant, string kind, string actor, string target, string outcome, Dictionary<string, string> detail) =>
        audit.RecordAsync(new AuditEvent(Guid.CreateVersion7(), tenant, time.GetUtcNow(), kind, actor, target, outcome, detail)).AsTask();

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
