using System.CommandLine;
using Coworker.Cli;
using Coworker.Cli.Commands;

var root = new RootCommand("coworker: operations for a Coworker deployment.")
{
    MigrateCommand.Create(),
};

// The default handler prints stack traces; an operator gets one line and an exit code instead.
var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
try
{
    return await root.Parse(args).InvokeAsync(configuration);
}
catch (Exception ex)
{
    await configuration.Error.WriteLineAsync($"coworker: unexpected {ex.GetType().Name}: {ex.Message}");
    return ExitCodes.Failure;
}
