using System.CommandLine;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary><c>coworker tools publish &lt;name&gt; [--version n]</c>: agents granted the tool can call that version (Owner).</summary>
internal static class ToolsPublishCommand
{
    public static Command Create(GatewayOptions gateway)
    {
        var name = ToolsCommand.NameArgument();
        var version = new Option<int?>("--version") { Description = "The version to publish (default: the latest).", HelpName = "n" };
        var tenant = GatewayOptions.Tenant();
        var command = new Command("publish", "Make a tool version callable by the agents granted it (needs the Owner role).") { name, version, tenant };
        gateway.SetAction(command, tenant, async (session, parseResult, cancellationToken) =>
        {
            var reply = await session.Client.PostJsonAsync<Tool>(
                session.ToolPath(parseResult.GetRequiredValue(name), "publish"), new { version = parseResult.GetValue(version) }, cancellationToken);
            await ToolText.WriteStatusAsync(session, reply);
            return ExitCodes.Ok;
        });
        return command;
    }
}
