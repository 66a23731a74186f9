using Coworker.Gateway.Apis;
using Coworker.Grpc.V1;
using Grpc.Core;

namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// coworker.v1.ImportService: the REST imports endpoints' own handlers (<see cref="ImportsApi"/>), and a watch that polls
/// the same job grain REST's GET polls, sending a snapshot whenever it changes until the job's status is final.
/// </summary>
internal sealed class ImportGrpcService(IClusterClient cluster) : ImportService.ImportServiceBase
{
    /// <summary>How often a watch asks the job grain for its state.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The largest StartImport message: the REST upload's limit (a description up to 20 MB plus framing). Beyond it
    /// gRPC itself answers RESOURCE_EXHAUSTED before the message is read.
    /// </summary>
    public const int MaxStartImportBytes = (int)GatewayLimits.MaxImportBodyBytes;

    public override async Task<ImportJob> StartImport(StartImportRequest request, ServerCallContext context)
    {
        var started = await ImportsApi.Start(context.GetHttpContext().User, cluster, request.Tenant,
            () => Task.FromResult(request.ToImportRequest())).WaitAsync(context.CancellationToken);
        return started.Value!.ToMessage();
    }

    public override async Task<ImportJob> GetImport(GetImportRequest request, ServerCallContext context) =>
        (await ImportsApi.Job(context.GetHttpContext().User, cluster, request.Tenant, request.Id).GetAsync()
            .WaitAsync(context.CancellationToken)).ToMessage();

    public override async Task WatchImport(GetImportRequest request, IServerStreamWriter<ImportJob> responseStream, ServerCallContext context)
    {
        // Access and the id are checked once, here, so a refusal or an unknown job is the call's status, not a stream.
        var job = ImportsApi.Job(context.GetHttpContext().User, cluster, request.Tenant, request.Id);
        var cancel = context.CancellationToken;
        ImportJob? sent = null;
        try
        {
            while (true)
            {
                var now = (await job.GetAsync().WaitAsync(cancel)).ToMessage();
                if (!now.Equals(sent))
                {
                    await responseStream.WriteAsync(now, cancel);
                    sent = now;
                }

                if (now.Status.IsFinal())
                {
                    return;
                }

                await Task.Delay(PollInterval, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The caller cancelled or its deadline passed: the watch ends there; the job itself goes on.
        }
    }
}
