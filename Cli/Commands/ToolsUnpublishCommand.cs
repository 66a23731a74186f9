using System.CommandLine;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary><c>coworker tools unpublish &lt;name&gt;</c>: back to staged; agents can no longer call it (Owner).</summary>
internal static class ToolsUnpublishCommand
{
    public static Command Create(GatewayOptions gateway)
    {
        var name = ToolsCommand.NameArgument();
        var tenant = GatewayOptions.Tenant();
        var command = new Command("unpublish", "Return a tool to staged so agents can no longer call it (needs the Owner role).") { name, tenant };
        gateway.SetAction(command, tenant, async (session, parseResult, cancellationToken) =>
        {
            var reply = await session.Client.PostAsync<Tool>(session.ToolPath(parseResult.GetRequiredValue(name), "unpublish"), null, cancellationToken);
            await ToolText.WriteStatusAsync(session, reply);
            return ExitCodes.Ok;
        });
        return command;
    }
}
