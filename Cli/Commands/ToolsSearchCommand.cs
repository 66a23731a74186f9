using System.CommandLine;
using System.Globalization;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary><c>coworker tools search &lt;query&gt; [-k 10] [--status s]</c>: hybrid (meaning + keyword) search, best first.</summary>
internal static class ToolsSearchCommand
{
    public static Command Create(GatewayOptions gateway)
    {
        var query = new Argument<string>("query") { Description = "What the tool should do, in words (\"find a pet by its id\")." };
        var top = new Option<int>("-k", "--top")
        {
            Description = "How many results (1-100).",
            HelpName = "n",
            DefaultValueFactory = _ => 10,
        };
        var status = new Option<ToolStatus?>("--status") { Description = "Only tools with this status." };
        var tenant = GatewayOptions.Tenant();
        var command = new Command("search", "Search the tenant's tools by meaning and keywords: score, name, title.") { query, top, status, tenant };
        gateway.SetAction(command, tenant, async (session, parseResult, cancellationToken) =>
        {
            var k = parseResult.GetValue(top);
            if (k is < 1 or > 100)
            {
                throw new UsageException("-k must be between 1 and 100.");
            }

            var path = session.TenantPath("tools/search" + QueryString.Of(
                ("q", parseResult.GetRequiredValue(query)), ("k", k.ToString(CultureInfo.InvariantCulture)), ("status", parseResult.GetValue(status)?.ToString())));
            var reply = await session.Client.GetAsync<IReadOnlyList<ToolSearchHit>>(path, cancellationToken);
            if (session.Json)
            {
                await session.WriteJsonAsync(reply.Json);
                return ExitCodes.Ok;
            }

            if (reply.Value.Count == 0)
            {
                await session.Error.WriteLineAsync("No tools match.");
                return ExitCodes.Ok;
            }

            var table = new TextTable("score", "name", "title");
            foreach (var hit in reply.Value)
            {
                table.Add(hit.Score.ToString("0.000", CultureInfo.InvariantCulture), hit.Name, hit.Title);
            }

            await table.WriteAsync(session.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
