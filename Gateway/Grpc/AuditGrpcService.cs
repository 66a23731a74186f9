using System.Globalization;
using System.Security.Claims;
using Coworker.Gateway.Apis;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Grpc.V1;
using Grpc.Core;
using AuditQuery = Coworker.Audit.AuditQuery;
using AuditRecord = Coworker.Audit.AuditRecord;

namespace Coworker.Gateway.GrpcServices;

/// <summary>
/// coworker.v1.AuditService: the REST audit query (<see cref="AuditApi"/>), and a follow that repeats that query after
/// the last seq it sent until the caller cancels, so it answers with the same rows, filters and access rules.
/// </summary>
internal sealed class AuditGrpcService(IClusterClient cluster) : AuditService.AuditServiceBase
{
    /// <summary>How long a follow waits after a query that found the tenant's log drained.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest one follow runs before it ends normally. The credential is checked only when a call starts, so
    /// this bounds how long a key revoked meanwhile keeps receiving events; clients resume with the last seq they saw.
    /// </summary>
    public static readonly TimeSpan MaxFollow = TimeSpan.FromMinutes(5);

    public override async Task<QueryAuditResponse> QueryAudit(QueryAuditRequest request, ServerCallContext context)
    {
        var page = await Query(context.GetHttpContext().User, request.Tenant, request.Filter, request.From?.ToDateTimeOffset(),
            request.To?.ToDateTimeOffset(), ToolGrpcService.PageSize(request.PageSize), request.AfterSeq, context.CancellationToken);
        return new QueryAuditResponse
        {
            Events = { page.Items.Select(record => record.ToMessage()) },
            NextAfterSeq = page.Next is { } next ? long.Parse(next, CultureInfo.InvariantCulture) : 0,
        };
    }

    public override async Task FollowAudit(FollowAuditRequest request, IServerStreamWriter<AuditEvent> responseStream, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        lifetime.CancelAfter(MaxFollow);
        var cancel = lifetime.Token;
        var after = request.AfterSeq;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var page = await Query(user, request.Tenant, request.Filter, null, null, AuditQuery.MaxLimit, after, cancel);
                foreach (var record in page.Items)
                {
                    await responseStream.WriteAsync(record.ToMessage(), cancel);
                    after = record.Seq;
                }

                if (page.Next is null)
                {
                    await Task.Delay(PollInterval, cancel);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The caller cancelled, its deadline passed or MaxFollow is reached: the follow ends there, its normal end.
        }
    }

    private async Task<Page<AuditRecord>> Query(
        ClaimsPrincipal user, string tenant, AuditFilter? filter, DateTimeOffset? from, DateTimeOffset? to, int? limit, long after, CancellationToken cancel) =>
        (await AuditApi.QueryAudit(user, cluster, tenant, filter?.Kind, filter?.Actor, filter?.Target, filter?.Outcome, from, to, limit,
            after == 0 ? null : after).WaitAsync(cancel)).Value!;
}
