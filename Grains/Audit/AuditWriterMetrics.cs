using System.Diagnostics.Metrics;

namespace Coworker.Audit;

/// <summary>What the audit writers count on the "Coworker" meter (exported by ServiceDefaults' OpenTelemetry set-up).</summary>
internal static class AuditWriterMetrics
{
    private static readonly Meter Meter = new("Coworker");

    /// <summary>Audit messages dropped because no silo signed them: each is someone else publishing on an audit subject.</summary>
    public static readonly Counter<long> Unauthenticated = Meter.CreateCounter<long>(
        "coworker.audit.unauthenticated_messages", unit: "{message}", description: "Audit messages dropped unread because no silo signed them");
}
