using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using Orleans.Configuration;

namespace Coworker.Audit;

/// <summary>
/// The JetStream stream audit events travel through, created (or updated) on first use so a silo started
/// before NATS still comes up. Work-queue retention: JetStream keeps each event until a writer has committed
/// it to PostgreSQL and acked it, however long that takes.
/// </summary>
public sealed class AuditStream
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly AuditOptions _options;
    private volatile bool _ready;

    public AuditStream(NatsClient nats, IOptions<AuditOptions> options, IOptions<ClusterOptions> cluster)
    {
        _options = options.Value;
        JetStream = nats.CreateJetStreamContext();
        (Name, SubjectPrefix) = NamesFor(cluster.Value.ServiceId, _options);
    }

    /// <summary>
    /// Stream name and subject prefix of a deployment: the configured ones, else COWORKER_AUDIT / coworker.audit
    /// for the default service id and COWORKER_AUDIT_{SERVICE} / coworker.audit-{service} for any other. The
    /// prefixes differ in a whole token, so two deployments' streams never overlap (JetStream refuses that).
    /// Public so that a test fixture can delete its cluster's stream.
    /// </summary>
    public static (string Stream, string SubjectPrefix) NamesFor(string? serviceId, AuditOptions options)
    {
        var isDefault = string.IsNullOrEmpty(serviceId) || serviceId == "coworker";
        var suffix = isDefault ? "" : Token(serviceId!);
        return (
            options.Stream is { Length: > 0 } stream ? stream : isDefault ? AuditOptions.DefaultStream : $"{AuditOptions.DefaultStream}_{suffix.ToUpperInvariant()}",
            options.SubjectPrefix is { Length: > 0 } prefix ? prefix : isDefault ? AuditOptions.DefaultSubjectPrefix : $"{AuditOptions.DefaultSubjectPrefix}-{suffix}");
    }

    public string Name { get; }

    public string SubjectPrefix { get; }

    public INatsJSContext JetStream { get; }

    /// <summary>
    /// Last subject token of a message carrying several events of one tenant. Kinds start with a letter, so no
    /// event's own subject can be mistaken for a batch.
    /// </summary>
    public const string BatchToken = "_batch";

    /// <summary>Subject of a message carrying one event (and of every message published before group commit).</summary>
    public string SubjectFor(AuditEvent auditEvent) => $"{SubjectPrefix}.{auditEvent.Tenant}.{auditEvent.Kind}";

    /// <summary>Subject of a message carrying several events, all of <paramref name="tenant"/>: the tenant stays in the subject.</summary>
    public string BatchSubjectFor(string tenant) => $"{SubjectPrefix}.{tenant}.{BatchToken}";

    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await JetStream.CreateOrUpdateStreamAsync(
                    new StreamConfig(Name, [SubjectPrefix + ".>"])
                    {
                        Retention = StreamConfigRetention.Workqueue,
                        Storage = StreamConfigStorage.File,
                        DuplicateWindow = _options.DuplicateWindow,
                        Description = "Coworker audit events on their way to PostgreSQL (docs/audit.md)",
                    },
                    cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forget that the stream exists (it was deleted under us): the next use creates it again.</summary>
    public void Invalidate() => _ready = false;

    // Stream names and subject tokens allow letters, digits, '-' and '_' safely.
    private static string Token(string value) =>
        new(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
