namespace Coworker.Audit;

/// <summary>
/// Filters of an audit query within one tenant (the grain key). String filters match exactly; the time range is
/// <c>From &lt;= at &lt; To</c>; results come in seq order, starting after <see cref="After"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] string? Kind = null,
    [property: Id(1)] string? Actor = null,
    [property: Id(2)] string? Target = null,
    [property: Id(3)] string? Outcome = null,
    [property: Id(4)] DateTimeOffset? From = null,
    [property: Id(5)] DateTimeOffset? To = null,
    [property: Id(6)] int Limit = AuditQuery.DefaultLimit,
    [property: Id(7)] long? After = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
}
