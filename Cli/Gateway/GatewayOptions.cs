using System.CommandLine;

namespace Coworker.Cli.Gateway;

/// <summary>
/// The options of every command that talks to the Gateway: <c>--gateway</c>, <c>--key</c> and <c>--json</c> are
/// global (accepted before or after the command name; the PostgreSQL commands ignore them); <c>--tenant</c> is
/// added to each catalog command.
/// </summary>
internal sealed class GatewayOptions
{
    public const string GatewayVariable = "COWORKER_GATEWAY_URL";
    public const string KeyVariable = "COWORKER_API_KEY";
    public const string DefaultGateway = "http://127.0.0.1:5080";

    public Option<string> Gateway { get; } = new("--gateway")
    {
        Description = $"Gateway base URL for import and tools; the {GatewayVariable} environment variable sets the default.",
        HelpName = "url",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(GatewayVariable) is { Length: > 0 } url ? url : DefaultGateway,
    };

    // No DefaultValueFactory: help prints defaults, and the key must never be printed.
    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"API key for import and tools: an admin key (cwa_...) or a tenant key (cwk_...) (default: the {KeyVariable} environment variable). Never printed.",
        HelpName = "key",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "import and tools: print the Gateway's JSON instead of tables.",
        Recursive = true,
    };

    public IEnumerable<Option> Global => [Gateway, Key, Json];

    /// <summary>A new <c>--tenant</c> option for one command (each command owns its option instance).</summary>
    public static Option<string> Tenant() => new("--tenant", "-t")
    {
        Description = "The tenant whose catalog to use.",
        HelpName = "id",
        Required = true,
    };

    /// <summary>
    /// Sets <paramref name="command"/>'s action: checks the global options, opens a <see cref="GatewaySession"/> and
    /// turns every failure into one line on stderr and an exit code (problem detail, unreachable Gateway, timeout).
    /// </summary>
    public void SetAction(Command command, Option<string> tenant, Func<GatewaySession, ParseResult, CancellationToken, Task<int>> run) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, tenant, run, cancellationToken));

    private async Task<int> RunAsync(
        ParseResult parseResult, Option<string> tenantOption, Func<GatewaySession, ParseResult, CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var key = parseResult.GetValue(Key) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable(KeyVariable);
        var gatewayText = parseResult.GetValue(Gateway) ?? DefaultGateway;
        var tenant = parseResult.GetRequiredValue(tenantOption);

        if (string.IsNullOrWhiteSpace(key))
        {
            await error.WriteLineAsync($"error: no API key. Pass --key <key> or set {KeyVariable} (an admin key cwa_... or a tenant key cwk_...).");
            return ExitCodes.Usage;
        }

        // HttpClient would echo a malformed header value in its exception; refuse it here without showing it.
        if (key.Any(c => c is <= ' ' or > '~'))
        {
            await error.WriteLineAsync("error: the API key contains spaces or characters that cannot be sent in an HTTP header; check how it was copied.");
            return ExitCodes.Usage;
        }

        if (!Uri.TryCreate(gatewayText, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https") || gateway.UserInfo.Length > 0)
        {
            await error.WriteLineAsync($"error: --gateway must be an http(s) URL such as {DefaultGateway}.");
            return ExitCodes.Usage;
        }

        using var client = new GatewayClient(gateway, key);
        var session = new GatewaySession(client, tenant, parseResult.GetValue(Json), output, error);
        var where = gateway.GetLeftPart(UriPartial.Authority);
        string message;
        int exitCode;
        try
        {
            return await run(session, parseResult, cancellationToken);
        }
        catch (UsageException ex)
        {
            (message, exitCode) = (ex.Message, ExitCodes.Usage);
        }
        catch (GatewayException ex)
        {
            (message, exitCode) = (ex.Detail, ExitCodes.Failure);
        }
        catch (HttpRequestException ex)
        {
            (message, exitCode) = ($"cannot reach the Gateway at {where}: {Describe(ex)} (is it running? --gateway or {GatewayVariable} sets the URL)", ExitCodes.Failure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            (message, exitCode) = ($"the Gateway at {where} did not answer within {GatewayClient.RequestTimeout.TotalSeconds:0} s", ExitCodes.Failure);
        }
        catch (OperationCanceledException)
        {
            (message, exitCode) = ("cancelled", ExitCodes.Failure);
        }
        catch (System.Text.Json.JsonException ex)
        {
            (message, exitCode) = ($"the Gateway at {where} answered something that is not the expected JSON ({ex.Message}); is --gateway the Gateway?", ExitCodes.Failure);
        }

        // Nothing above should contain the key; this makes sure of it.
        await error.WriteLineAsync("error: " + message.Replace(key, "***", StringComparison.Ordinal));
        return exitCode;
    }

    // "An error occurred while sending the request." alone hides the reason; the innermost exception has it.
    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, ex) ? ex.Message : inner.Message;
    }
}

/// <summary>Bad input a command found itself (a file that does not exist, arguments that are not JSON): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
