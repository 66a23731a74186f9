using System.CommandLine;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary><c>coworker tools deprecate &lt;name&gt; [--reason r]</c>: retires the tool; its versions are kept (Owner).</summary>
internal static class ToolsDeprecateCommand
{
    public static Command Create(GatewayOptions gateway)
    {
        var name = ToolsCommand.NameArgument();
        var reason = new Option<string?>("--reason") { Description = "Why, shown with the tool's status.", HelpName = "text" };
        var tenant = GatewayOptions.Tenant();
        var command = new Command("deprecate", "Retire a tool: never callable again, versions kept (needs the Owner role).") { name, reason, tenant };
        gateway.SetAction(command, tenant, async (session, parseResult, cancellationToken) =>
        {
            var reply = await session.Client.PostJsonAsync<Tool>(
                session.ToolPath(parseResult.GetRequiredValue(name), "deprecate"), new { reason = parseResult.GetValue(reason) }, cancellationToken);
            await ToolText.WriteStatusAsync(session, reply);
            return ExitCodes.Ok;
        });
        return command;
    }
}
