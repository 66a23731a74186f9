using System.Runtime.CompilerServices;
using Coworker.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Coworker.Client;

/// <summary>The tenant's audit log (Owner; <c>_platform</c> for admins).</summary>
public sealed class AuditClient
{
    private readonly AuditService.AuditServiceClient _audit;
    private readonly CallSettings _settings;

    internal AuditClient(AuditService.AuditServiceClient audit, CallSettings settings)
    {
        _audit = audit;
        _settings = settings;
    }

    /// <summary>Stored events in seq order after <paramref name="afterSeq"/>, fetching pages as the enumeration goes.</summary>
    /// <param name="filter">Exact matches on kind, actor, target and outcome; null for all events.</param>
    /// <param name="from">Only events at or after this instant.</param>
    /// <param name="to">Only events before this instant.</param>
    /// <param name="afterSeq">Only events with a greater seq (0: from the first).</param>
    /// <param name="pageSize">Events per request (1-500; 0 means 100).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public async IAsyncEnumerable<AuditEvent> QueryAsync(AuditFilter? filter = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        long afterSeq = 0, int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        do
        {
            var request = new QueryAuditRequest { Tenant = _settings.Tenant, Filter = filter, PageSize = pageSize, AfterSeq = afterSeq };
            if (from is { } start)
            {
                request.From = Timestamp.FromDateTimeOffset(start);
            }

            if (to is { } end)
            {
                request.To = Timestamp.FromDateTimeOffset(end);
            }

            var page = await CoworkerErrors.CallAsync(_audit.QueryAuditAsync(request, _settings.Unary(cancellationToken)), cancellationToken)
                .ConfigureAwait(false);
            foreach (var audited in page.Events)
            {
                yield return audited;
            }

            afterSeq = page.NextAfterSeq;
        }
        while (afterSeq > 0);
    }

    /// <summary>
    /// Events after <paramref name="afterSeq"/> as they are stored, until <paramref name="cancellationToken"/> is
    /// cancelled (which ends the enumeration with <see cref="OperationCanceledException"/>). The Gateway ends every
    /// follow after at most 5 minutes so that a revoked key stops receiving events; this reopens it from the last seq
    /// it yielded, so the caller sees one unbroken sequence (and an <see cref="CoworkerAuthenticationException"/> once
    /// the key no longer works).
    /// </summary>
    /// <param name="filter">Exact matches on kind, actor, target and outcome; null for all events.</param>
    /// <param name="afterSeq">Only events with a greater seq; pass the last seq of a <see cref="QueryAsync"/> to follow only new ones.</param>
    /// <param name="cancellationToken">Ends the follow.</param>
    public async IAsyncEnumerable<AuditEvent> FollowAsync(AuditFilter? filter = null, long afterSeq = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            using var follow = _audit.FollowAudit(new FollowAuditRequest { Tenant = _settings.Tenant, Filter = filter, AfterSeq = afterSeq },
                CallSettings.Stream(cancellationToken));
            while (true)
            {
                AuditEvent audited;
                try
                {
                    if (!await follow.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                    {
                        break; // the Gateway ended this follow normally (MaxFollow): resume from the last seq
                    }

                    audited = follow.ResponseStream.Current;
                }
                catch (RpcException failure)
                {
                    throw CoworkerErrors.Map(failure, cancellationToken);
                }

                afterSeq = Math.Max(afterSeq, audited.Seq);
                yield return audited;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
