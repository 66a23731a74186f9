using System.CommandLine;
using System.Net.Http.Headers;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary>
/// <c>coworker import &lt;file-or-url&gt; --source &lt;id&gt; [--tool-prefix &lt;p&gt;] --tenant &lt;t&gt;</c>: imports an API description (OpenAPI 3.x,
/// Swagger 2.0, Postman 2.1) into the tenant's catalog as staged tools. A file is uploaded; an http(s) URL is
/// fetched by the platform. The Gateway answers at once with a job; unless <c>--no-wait</c> the command follows
/// it (progress on stderr) and prints what changed. Exits 1 when the job fails.
/// </summary>
internal static class ImportCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create(GatewayOptions gateway)
    {
        var location = new Argument<string>("file-or-url")
        {
            Description = "A local file with the API description, or an http(s) URL the platform fetches.",
        };
        var source = new Option<string>("--source", "-s")
        {
            Description = "Source id: re-importing the same source updates its tools (new versions) instead of adding new ones.",
            HelpName = "id",
            Required = true,
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "Server URL for relative server URLs, or when the description names none.",
            HelpName = "url",
        };
        var oauthProvider = new Option<string?>("--oauth-provider")
        {
            Description = "OAuth provider id for OAuth2-secured operations (guessed from the host when omitted).",
            HelpName = "id",
        };
        var toolPrefix = new Option<string?>("--tool-prefix")
        {
            Description = "Prefix for the source's tool names (\"v2\" makes addPet v2_addPet), chosen at its first import and kept after; lets two sources with the same operationIds live side by side.",
            HelpName = "prefix",
        };
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "Print the job as accepted and return; do not follow it.",
        };
        var tenant = GatewayOptions.Tenant();
        var command = new Command("import", "Import an API description (OpenAPI 3.x, Swagger 2.0, Postman 2.1) into a tenant's catalog as staged tools.")
        {
            location, source, baseUrl, oauthProvider, toolPrefix, noWait, tenant,
        };
        gateway.SetAction(command, tenant, (session, parseResult, cancellationToken) => RunAsync(
            session,
            parseResult.GetRequiredValue(location),
            new ImportFields(
                parseResult.GetRequiredValue(source),
                Optional(parseResult.GetValue(baseUrl)),
                Optional(parseResult.GetValue(oauthProvider)),
                Optional(parseResult.GetValue(toolPrefix))),
            parseResult.GetValue(noWait),
            cancellationToken));
        return command;
    }

    private sealed record ImportFields(string SourceId, string? BaseUrl, string? OAuthProvider, string? ToolPrefix);

    private static async Task<int> RunAsync(GatewaySession session, string location, ImportFields fields, bool noWait, CancellationToken cancellationToken)
    {
        var path = session.TenantPath("imports");
        var accepted = IsWebUrl(location)
            ? await session.Client.PostJsonAsync<ImportJob>(path, new
            {
                sourceId = fields.SourceId,
                url = location,
                baseUrl = fields.BaseUrl,
                oauthProvider = fields.OAuthProvider,
                toolPrefix = fields.ToolPrefix,
            }, cancellationToken)
            : await session.Client.PostAsync<ImportJob>(path, await UploadAsync(location, fields, cancellationToken), cancellationToken);

        if (noWait)
        {
            if (session.Json)
            {
                await session.WriteJsonAsync(accepted.Json);
            }
            else
            {
                await session.Output.WriteLineAsync($"Import {accepted.Value.Id} accepted ({accepted.Value.Status}).");
                await session.Output.WriteLineAsync($"Follow it with: GET /{session.TenantPath("imports/" + accepted.Value.Id)}");
            }

            return ExitCodes.Ok;
        }

        var final = await WaitAsync(session, accepted, cancellationToken);
        if (session.Json)
        {
            await session.WriteJsonAsync(final.Json);
        }
        else
        {
            await ImportSummary.WriteAsync(session.Output, final.Value);
        }

        if (final.Value.Status == ImportJobStatus.Failed)
        {
            await session.Error.WriteLineAsync(
                $"error: import failed ({final.Value.ErrorKind ?? "error"}): {final.Value.Error ?? "the Gateway gave no reason"}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static bool IsWebUrl(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static async Task<HttpContent> UploadAsync(string file, ImportFields fields, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new UsageException(file.Contains("://", StringComparison.Ordinal)
                ? $"'{file}' is not an http(s) URL; pass an http(s) URL or a local file."
                : $"no such file: {file}");
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {file}: {ex.Message}");
        }

        var upload = new ByteArrayContent(content);
        upload.Headers.ContentType = new MediaTypeHeaderValue(Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".json" => "application/json",
            ".yaml" or ".yml" => "application/yaml",
            _ => "application/octet-stream",
        });
        var form = new MultipartFormDataContent { { upload, "file", Path.GetFileName(file) }, { new StringContent(fields.SourceId), "sourceId" } };
        if (fields.BaseUrl is not null)
        {
            form.Add(new StringContent(fields.BaseUrl), "baseUrl");
        }

        if (fields.OAuthProvider is not null)
        {
            form.Add(new StringContent(fields.OAuthProvider), "oauthProvider");
        }

        if (fields.ToolPrefix is not null)
        {
            form.Add(new StringContent(fields.ToolPrefix), "toolPrefix");
        }

        return form;
    }

    /// <summary>Polls the job until it succeeds or fails; progress (operations done / total) goes to stderr.</summary>
    private static async Task<GatewayReply<ImportJob>> WaitAsync(GatewaySession session, GatewayReply<ImportJob> job, CancellationToken cancellationToken)
    {
        var progress = new ImportProgress(session.Error);
        var path = session.TenantPath("imports/" + Uri.EscapeDataString(job.Value.Id));
        try
        {
            while (true)
            {
                await progress.ShowAsync(job.Value);
                if (job.Value.IsFinished)
                {
                    return job;
                }

                await Task.Delay(PollInterval, cancellationToken);
                job = await session.Client.GetAsync<ImportJob>(path, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await progress.EndAsync();
            await session.Error.WriteLineAsync($"Stopped waiting; import {job.Value.Id} continues on the Gateway.");
            throw;
        }
        finally
        {
            await progress.EndAsync();
        }
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
