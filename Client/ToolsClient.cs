using System.Runtime.CompilerServices;
using System.Text.Json;
using Coworker.Grpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Coworker.Client;

/// <summary>The tenant's tools (Viewer) and governed tool calls (the agent's own key).</summary>
public sealed class ToolsClient
{
    private readonly ToolService.ToolServiceClient _tools;
    private readonly ToolCallService.ToolCallServiceClient _calls;
    private readonly CallSettings _settings;

    internal ToolsClient(ToolService.ToolServiceClient tools, ToolCallService.ToolCallServiceClient calls, CallSettings settings)
    {
        _tools = tools;
        _calls = calls;
        _settings = settings;
    }

    /// <summary>Every tool matching the filters, ordered by name, fetching pages as the enumeration goes.</summary>
    /// <param name="status">Only tools in this status; <see cref="ToolStatus.Unspecified"/> for any.</param>
    /// <param name="source">Only tools imported from this source id.</param>
    /// <param name="text">Only tools whose name or title contains this text.</param>
    /// <param name="pageSize">Tools per request (1-500; 0 means 100).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public async IAsyncEnumerable<ToolSummary> ListAsync(ToolStatus status = ToolStatus.Unspecified, string? source = null,
        string? text = null, int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = "";
        do
        {
            var page = await CoworkerErrors.CallAsync(_tools.ListToolsAsync(new ListToolsRequest
            {
                Tenant = _settings.Tenant, Status = status, Source = source ?? "", Text = text ?? "", PageSize = pageSize, PageToken = token,
            }, _settings.Unary(cancellationToken)), cancellationToken).ConfigureAwait(false);
            foreach (var tool in page.Tools)
            {
                yield return tool;
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);
    }

    /// <summary>The tool's latest definition, status and versions.</summary>
    /// <param name="name">The tool's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CoworkerNotFoundException">No such tool in the tenant.</exception>
    public Task<Tool> GetAsync(string name, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_tools.GetToolAsync(new GetToolRequest { Tenant = _settings.Tenant, Name = name },
            _settings.Unary(cancellationToken)), cancellationToken);

    /// <summary>Hybrid (meaning + keyword) search over the tenant's tools, best hit first.</summary>
    /// <param name="query">What the tool should do (1-1000 characters).</param>
    /// <param name="k">Hits to return (1-100; 0 means 10).</param>
    /// <param name="status">Only tools in this status; <see cref="ToolStatus.Unspecified"/> for any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CoworkerInvalidArgumentException">An empty or too long query (<c>Field</c> is <c>query</c>).</exception>
    public async Task<IReadOnlyList<ToolSearchHit>> SearchAsync(string query, int k = 0, ToolStatus status = ToolStatus.Unspecified,
        CancellationToken cancellationToken = default)
    {
        var response = await CoworkerErrors.CallAsync(_tools.SearchToolsAsync(new SearchToolsRequest
        {
            Tenant = _settings.Tenant, Query = query, K = k, Status = status,
        }, _settings.Unary(cancellationToken)), cancellationToken).ConfigureAwait(false);
        return response.Hits;
    }

    /// <summary>
    /// Calls a published tool granted to the agent, through the Gateway's governance (grants, rate limits, quotas,
    /// credentials, audit). The client must carry that agent's key. Never retried: the upstream may have acted.
    /// </summary>
    /// <param name="agent">The calling agent's id.</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="arguments">The tool's arguments as a JSON object; null or undefined means <c>{}</c>.</param>
    /// <param name="cancellationToken">Stops waiting; a call that has reached the Gateway still completes there.</param>
    /// <returns>The upstream's answer; an upstream error is a result with <c>IsError</c>, not an exception.</returns>
    /// <exception cref="CoworkerPermissionDeniedException">The tool is not granted to the agent, or the key is not the agent's.</exception>
    /// <exception cref="CoworkerInvalidArgumentException">The arguments do not match the tool's schema (<c>Field</c> is <c>arguments</c>).</exception>
    /// <exception cref="CoworkerRateLimitedException">The agent's rate limit or quota is exhausted.</exception>
    public Task<CallToolResponse> CallAsync(string agent, string tool, JsonElement arguments, CancellationToken cancellationToken = default)
    {
        var request = new CallToolRequest { Tenant = _settings.Tenant, Agent = agent, Tool = tool };
        if (arguments.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            if (arguments.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"Tool arguments must be a JSON object, not {arguments.ValueKind}.", nameof(arguments));
            }

            request.Arguments = Struct.Parser.ParseJson(arguments.GetRawText());
        }

        return CoworkerErrors.CallAsync(_calls.CallToolAsync(request, _settings.Unary(cancellationToken)), cancellationToken);
    }

    /// <summary>Calls a tool with arguments serialised by System.Text.Json (e.g. an anonymous object or a dictionary).</summary>
    /// <param name="agent">The calling agent's id.</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="arguments">An object serialising to a JSON object; null means <c>{}</c>.</param>
    /// <param name="cancellationToken">Stops waiting; a call that has reached the Gateway still completes there.</param>
    /// <returns>The upstream's answer; an upstream error is a result with <c>IsError</c>, not an exception.</returns>
    public Task<CallToolResponse> CallAsync(string agent, string tool, object? arguments = null, CancellationToken cancellationToken = default) =>
        CallAsync(agent, tool, arguments is null ? default : JsonSerializer.SerializeToElement(arguments, arguments.GetType()), cancellationToken);
}
