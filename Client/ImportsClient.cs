using System.Runtime.CompilerServices;
using Coworker.Grpc.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Coworker.Client;

/// <summary>Imports of API descriptions (OpenAPI 3.x, Swagger 2.0, Postman 2.1) into the tenant's catalog, as jobs.</summary>
public sealed class ImportsClient
{
    private readonly ImportService.ImportServiceClient _imports;
    private readonly CallSettings _settings;

    internal ImportsClient(ImportService.ImportServiceClient imports, CallSettings settings)
    {
        _imports = imports;
        _settings = settings;
    }

    /// <summary>Starts importing an uploaded description (Member); answers at once with the job's first state. Not retried.</summary>
    /// <param name="sourceId">The source the tools come from (a slug); importing it again updates them and reports the diff.</param>
    /// <param name="content">The description (JSON or YAML), up to 20 MB.</param>
    /// <param name="fileName">Informational, e.g. <c>petstore.yaml</c>.</param>
    /// <param name="baseUrl">Resolves relative server URLs; the server when the description names none.</param>
    /// <param name="cancellationToken">Stops waiting; a job that started still runs.</param>
    public Task<ImportJob> StartAsync(string sourceId, ReadOnlyMemory<byte> content, string fileName = "", string baseUrl = "",
        CancellationToken cancellationToken = default) =>
        StartAsync(new StartImportRequest
        {
            Tenant = _settings.Tenant, SourceId = sourceId, BaseUrl = baseUrl,
            Upload = new UploadedDescription { Content = ByteString.CopyFrom(content.Span), FileName = fileName },
        }, cancellationToken);

    /// <summary>Starts importing a description the platform fetches from an http(s) URL (Member). Not retried.</summary>
    /// <param name="sourceId">The source the tools come from (a slug).</param>
    /// <param name="url">Where the description is; fetched through the SSRF guard.</param>
    /// <param name="baseUrl">Resolves relative server URLs; the server when the description names none.</param>
    /// <param name="cancellationToken">Stops waiting; a job that started still runs.</param>
    public Task<ImportJob> StartFromUrlAsync(string sourceId, string url, string baseUrl = "", CancellationToken cancellationToken = default) =>
        StartAsync(new StartImportRequest { Tenant = _settings.Tenant, SourceId = sourceId, Url = url, BaseUrl = baseUrl }, cancellationToken);

    /// <summary>Starts an import described in full (OAuth provider, tool prefix); its tenant is set to the client's.</summary>
    /// <param name="request">The request; <c>Tenant</c> is overwritten.</param>
    /// <param name="cancellationToken">Stops waiting; a job that started still runs.</param>
    public Task<ImportJob> StartAsync(StartImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Tenant = _settings.Tenant;
        return CoworkerErrors.CallAsync(_imports.StartImportAsync(request, _settings.Unary(cancellationToken)), cancellationToken);
    }

    /// <summary>The job's current state (Viewer).</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ImportJob> GetAsync(string id, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_imports.GetImportAsync(new GetImportRequest { Tenant = _settings.Tenant, Id = id },
            _settings.Unary(cancellationToken)), cancellationToken);

    /// <summary>
    /// The job's state now, then each change (progress, problems), ending after the snapshot with its final status
    /// (SUCCEEDED with the diff in <c>Changes</c>, or FAILED with <c>ErrorKind</c>).
    /// </summary>
    /// <param name="id">The job's id.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    public async IAsyncEnumerable<ImportJob> WatchAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var watch = _imports.WatchImport(new GetImportRequest { Tenant = _settings.Tenant, Id = id }, CallSettings.Stream(cancellationToken));
        while (true)
        {
            try
            {
                if (!await watch.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (RpcException failure)
            {
                throw CoworkerErrors.Map(failure, cancellationToken);
            }

            yield return watch.ResponseStream.Current;
        }
    }
}
