using System.CommandLine;
using System.Text.Json;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary><c>coworker tools list [--status s] [--source id] [--text q]</c>: every matching tool, following the pages.</summary>
internal static class ToolsListCommand
{
    private const int PageSize = 500;

    public static Command Create(GatewayOptions gateway)
    {
        var status = new Option<ToolStatus?>("--status") { Description = "Only tools with this status." };
        var source = new Option<string?>("--source", "-s") { Description = "Only tools imported from this source id.", HelpName = "id" };
        var text = new Option<string?>("--text") { Description = "Only tools whose name, title or operation contain this text.", HelpName = "q" };
        var tenant = GatewayOptions.Tenant();
        var command = new Command("list", "List the tenant's tools: name, status, version, operation.") { status, source, text, tenant };
        gateway.SetAction(command, tenant, (session, parseResult, cancellationToken) => RunAsync(
            session, parseResult.GetValue(status), parseResult.GetValue(source), parseResult.GetValue(text), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(GatewaySession session, ToolStatus? status, string? source, string? text, CancellationToken cancellationToken)
    {
        var filter = QueryString.Of(("status", status?.ToString()), ("source", source), ("text", text), ("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var tools = new List<ToolSummary>();
        var json = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await session.Client.GetAsync<Page<ToolSummary>>(
                session.TenantPath("tools" + filter + (after is null ? "" : "&after=" + Uri.EscapeDataString(after))), cancellationToken);
            tools.AddRange(page.Value.Items);
            json.AddRange(page.Json.GetProperty("items").EnumerateArray());
            // A cursor that does not move would loop forever; stop instead.
            after = page.Value.Next is { Length: > 0 } next && next != after && page.Value.Items.Count > 0 ? next : null;
        }
        while (after is not null);

        if (session.Json)
        {
            // All pages as one array: what a script wants, without the cursor.
            await session.Output.WriteLineAsync(GatewayJson.Print(json));
            return ExitCodes.Ok;
        }

        if (tools.Count == 0)
        {
            await session.Error.WriteLineAsync("No tools match.");
            return ExitCodes.Ok;
        }

        var table = new TextTable("name", "status", "version", "operation");
        foreach (var tool in tools)
        {
            table.Add(tool.Name, tool.Status.ToString(), ToolText.Version(tool.LatestVersion, tool.PublishedVersion), tool.Operation);
        }

        await table.WriteAsync(session.Output);
        return ExitCodes.Ok;
    }
}
