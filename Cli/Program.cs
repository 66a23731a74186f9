using System.CommandLine;
using Coworker.Cli;
using Coworker.Cli.Commands;
using Coworker.Cli.Gateway;

var gateway = new GatewayOptions();
var root = new RootCommand("coworker: operations for a Coworker deployment.")
{
    MigrateCommand.Create(),
    VerifyAuditCommand.Create(),
    ImportCommand.Create(gateway),
    ToolsCommand.Create(gateway),
    UsageCommand.Create(gateway),
};
foreach (var option in gateway.Global)
{
    root.Options.Add(option);
}

// The default handler prints stack traces; an operator gets one line and an exit code instead.
var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
try
{
    var parsed = root.Parse(args);
    var exitCode = await parsed.InvokeAsync(configuration);
    // A missing --tenant, an unknown option, a --status that is not a status: the command never ran.
    return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
}
catch (Exception ex)
{
    await configuration.Error.WriteLineAsync($"coworker: unexpected {ex.GetType().Name}: {ex.Message}");
    return ExitCodes.Failure;
}
