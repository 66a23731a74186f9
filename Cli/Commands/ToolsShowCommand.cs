using System.CommandLine;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary><c>coworker tools show &lt;name&gt;</c>: the tool's latest definition, status, upstream call and versions.</summary>
internal static class ToolsShowCommand
{
    public static Command Create(GatewayOptions gateway)
    {
        var name = ToolsCommand.NameArgument();
        var tenant = GatewayOptions.Tenant();
        var command = new Command("show", "Show a tool: definition, upstream call, schemas, status and versions.") { name, tenant };
        gateway.SetAction(command, tenant, async (session, parseResult, cancellationToken) =>
        {
            var reply = await session.Client.GetAsync<Tool>(session.ToolPath(parseResult.GetRequiredValue(name)), cancellationToken);
            if (session.Json)
            {
                await session.WriteJsonAsync(reply.Json);
            }
            else
            {
                await ToolDetails.WriteAsync(session.Output, reply.Value);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
