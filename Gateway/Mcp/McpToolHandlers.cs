using System.Globalization;
using System.Text.Json;
using Coworker.Agents;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Gateway.Authentication;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using McpToolAnnotations = ModelContextProtocol.Protocol.ToolAnnotations;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// tools/list and tools/call for the calling agent. The Gateway only translates: which tools the agent
/// sees and may call is decided by the grains (grants on its roles, published status, quota).
/// </summary>
public static class McpToolHandlers
{
    public const string FindToolsName = "find_tools";

    private static readonly JsonElement FindToolsSchema = JsonDocument.Parse("""
        {"type":"object","properties":{
          "query":{"type":"string","description":"What you want to do, in your own words."},
          "limit":{"type":"integer","minimum":1,"maximum":25,"description":"How many tools to return (default 5)."}},
         "required":["query"]}
        """).RootElement.Clone();

    public static async ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> context, CancellationToken cancellationToken)
    {
        var (tenant, agent) = Caller(context);
        var cluster = context.Services!.GetRequiredService<IClusterClient>();
        var pageSize = context.Services!.GetRequiredService<IOptions<McpOptions>>().Value.PageSize;
        var tools = await cluster.GetGrain<IToolInvokerGrain>(0).ListToolsAsync(tenant, agent);

        var all = new List<Tool>(tools.Count + 1) { FindTools() };
        all.AddRange(tools.Select(ToMcpTool));
        var offset = ParseCursor(context.Params?.Cursor);
        var page = all.Skip(offset).Take(pageSize).ToList();
        return new ListToolsResult
        {
            Tools = page,
            NextCursor = offset + page.Count < all.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    public static async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var (tenant, agent) = Caller(context);
        var cluster = context.Services!.GetRequiredService<IClusterClient>();
        var name = context.Params?.Name ?? "";
        var arguments = context.Params?.Arguments is { } args ? JsonSerializer.Serialize(args) : "{}";
        if (name == FindToolsName)
        {
            return await FindToolsAsync(cluster, tenant, agent, context.Params?.Arguments);
        }

        if (!ToolNames.IsValid(name))
        {
            return Error($"Unknown tool '{name}'.");
        }

        var result = await cluster.GetGrain<IToolInvokerGrain>(0).InvokeAsync(tenant, agent, name, arguments);
        var call = new CallToolResult
        {
            IsError = result.IsError,
            Content = [new TextContentBlock { Text = result.RetryAfter is { } wait ? $"{result.Text} Retry after {Math.Ceiling(wait.TotalSeconds)} s." : result.Text }],
        };
        if (result.StructuredJson is { } json)
        {
            call.StructuredContent = JsonDocument.Parse(json).RootElement.Clone();
        }

        return call;
    }

    private static async Task<CallToolResult> FindToolsAsync(IClusterClient cluster, string tenant, string agent, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || !arguments.TryGetValue("query", out var query) || query.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(query.GetString()))
        {
            return Error("find_tools needs a 'query' string describing the task.");
        }

        var limit = arguments.TryGetValue("limit", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? Math.Clamp(n, 1, 25) : 5;
        var granted = await cluster.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent)).GetGrantedToolsAsync();
        var hits = granted.Count == 0
            ? []
            : await cluster.GetGrain<IToolCatalogGrain>(0).SearchAsync(tenant, query.GetString()!, limit, granted, ToolStatus.Published);
        var payload = JsonSerializer.Serialize(new
        {
            tools = hits.Select(h => new { name = h.Name, title = h.Title, description = h.Description, score = Math.Round(h.Score, 4) }),
        });
        return new CallToolResult { Content = [new TextContentBlock { Text = payload }], StructuredContent = JsonDocument.Parse(payload).RootElement.Clone() };
    }

    private static Tool ToMcpTool(ToolDefinition definition) => new()
    {
        Name = definition.Name,
        Title = definition.Title,
        Description = definition.Description,
        InputSchema = JsonDocument.Parse(definition.InputSchema).RootElement.Clone(),
        OutputSchema = definition.OutputSchema is { } output && IsObjectSchema(output) ? JsonDocument.Parse(output).RootElement.Clone() : null,
        Annotations = new McpToolAnnotations
        {
            Title = definition.Title,
            ReadOnlyHint = definition.Annotations.ReadOnly,
            DestructiveHint = definition.Annotations.Destructive,
            IdempotentHint = definition.Annotations.Idempotent,
            OpenWorldHint = definition.Annotations.OpenWorld,
        },
    };

    private static Tool FindTools() => new()
    {
        Name = FindToolsName,
        Title = "Find tools",
        Description = "Searches the tools you may use by meaning and returns the best matches with their names and descriptions.",
        InputSchema = FindToolsSchema,
        Annotations = new McpToolAnnotations { ReadOnlyHint = true, IdempotentHint = true, OpenWorldHint = false },
    };

    /// <summary>MCP requires an output schema to describe an object; array or scalar schemas are left out.</summary>
    private static bool IsObjectSchema(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object";
    }

    private static int ParseCursor(string? cursor) =>
        cursor is null ? 0
        : int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset >= 0 ? offset
        : throw new McpProtocolException("Invalid cursor.", McpErrorCode.InvalidParams);

    private static (string Tenant, string Agent) Caller(MessageContext context) =>
        context.User?.AgentIdentity() ?? throw new McpProtocolException("Only agents can use this endpoint.", McpErrorCode.InvalidRequest);

    private static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
