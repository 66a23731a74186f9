namespace Coworker.Audit;

/// <summary>
/// Settings of the audit pipeline (section <c>Coworker:Audit</c>). Stream and subject prefix default to
/// COWORKER_AUDIT / coworker.audit for the default Orleans service id; a deployment (or test cluster) with its
/// own service id gets its own stream and subjects, so deployments sharing one NATS server never write each
/// other's events.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Coworker:Audit";
    public const string DefaultStream = "COWORKER_AUDIT";
    public const string DefaultSubjectPrefix = "coworker.audit";

    /// <summary>JetStream stream name; empty: derived from the service id.</summary>
    public string? Stream { get; set; }

    /// <summary>Subjects are {prefix}.{tenant}.{kind} (one event) and {prefix}.{tenant}._batch (several); empty: derived from the service id.</summary>
    public string? SubjectPrefix { get; set; }

    /// <summary>The durable pull consumer every silo's writer shares (JetStream spreads messages between them).</summary>
    public string Consumer { get; set; } = "audit-writer";

    /// <summary>A batch is written when it holds this many events …</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>… or when its first event has waited this long.</summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long JetStream waits for a writer's ack before handing the event to another writer.</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Publishing the same message id again within this window is dropped by JetStream.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Group commit: the most events of one tenant one JetStream message carries. 1 turns group commit off (every
    /// event its own message, as before it existed), which a rolling upgrade from a version without it needs.
    /// </summary>
    public int MaxEventsPerMessage { get; set; } = 500;

    /// <summary>… and the most payload bytes (a lone event larger than this still goes, alone). Kept under NATS's max_payload.</summary>
    public int MaxMessageBytes { get; set; } = 512 * 1024;

    /// <summary>How many rounds of publishes may wait for JetStream's acks at once; events arriving meanwhile wait for the next round.</summary>
    public int PublishesInFlight { get; set; } = 4;
}
