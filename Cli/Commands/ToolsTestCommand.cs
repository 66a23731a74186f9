using System.CommandLine;
using System.Text.Json;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary>
/// <c>coworker tools test &lt;name&gt; --args '{"petId": 1}' [--version n]</c>: runs the tool once against the real
/// upstream (the run is recorded) and prints outcome, HTTP status, latency, URL and output-schema match.
/// Exits 1 unless the outcome is "ok", so scripts can gate publication on it.
/// </summary>
internal static class ToolsTestCommand
{
    public static Command Create(GatewayOptions gateway)
    {
        var name = ToolsCommand.NameArgument();
        var arguments = new Option<string?>("--args", "-a")
        {
            Description = "The tool's arguments as a JSON object (default: {}).",
            HelpName = "json",
        };
        var version = new Option<int?>("--version") { Description = "Run this version instead of the latest.", HelpName = "n" };
        var tenant = GatewayOptions.Tenant();
        var command = new Command("test", "Run a tool once against its real upstream with sample arguments.") { name, arguments, version, tenant };
        gateway.SetAction(command, tenant, async (session, parseResult, cancellationToken) =>
        {
            var body = new { arguments = ParseArguments(parseResult.GetValue(arguments)), version = parseResult.GetValue(version) };
            var reply = await session.Client.PostJsonAsync<TestRun>(
                session.ToolPath(parseResult.GetRequiredValue(name), "test-runs"), body, cancellationToken);
            if (session.Json)
            {
                await session.WriteJsonAsync(reply.Json);
            }
            else
            {
                await TestRunText.WriteAsync(session.Output, reply.Value);
            }

            return reply.Value.Outcome == "ok" ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static JsonElement ParseArguments(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return JsonDocument.Parse("{}").RootElement;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new UsageException($"--args must be a JSON object such as '{{\"petId\": 1}}', not {Describe(document.RootElement.ValueKind)}.");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--args is not valid JSON: {ex.Message}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
