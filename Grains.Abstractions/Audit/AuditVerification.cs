namespace Coworker.Audit;

/// <summary>Result of checking a tenant's audit chain; <see cref="FirstBreak"/> is null when it is intact.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.AuditVerification")]
public sealed record AuditVerification(
    [property: Id(0)] string Tenant,
    [property: Id(1)] bool Intact,
    [property: Id(2)] long EventsChecked,
    [property: Id(3)] AuditChainBreak? FirstBreak);
