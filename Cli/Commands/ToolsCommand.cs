using System.CommandLine;
using Coworker.Cli.Gateway;

namespace Coworker.Cli.Commands;

/// <summary><c>coworker tools ...</c>: the tenant's tool catalog (list, show, search, test runs, publication).</summary>
internal static class ToolsCommand
{
    public static Command Create(GatewayOptions gateway) => new("tools", "List, inspect, search, test and publish a tenant's tools.")
    {
        ToolsListCommand.Create(gateway),
        ToolsShowCommand.Create(gateway),
        ToolsSearchCommand.Create(gateway),
        ToolsTestCommand.Create(gateway),
        ToolsPublishCommand.Create(gateway),
        ToolsUnpublishCommand.Create(gateway),
        ToolsDeprecateCommand.Create(gateway),
    };

    /// <summary>The <c>&lt;name&gt;</c> argument of the commands that act on one tool.</summary>
    public static Argument<string> NameArgument() => new("name") { Description = "The tool's name (see 'coworker tools list')." };
}
