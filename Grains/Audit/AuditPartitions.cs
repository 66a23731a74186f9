using System.Collections.Concurrent;
using Npgsql;

namespace Coworker.Audit;

/// <summary>
/// Makes sure the monthly partition of every event's month exists before a batch is inserted (through
/// <c>coworker.ensure_audit_partition</c>, outside the batch's transaction: creating a partition locks the
/// parent table briefly). Opens the following month too, so the switch at month end finds it ready.
/// </summary>
public sealed class AuditPartitions(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<DateOnly, bool> _ensured = new();

    public async Task EnsureAsync(IEnumerable<DateTimeOffset> times, CancellationToken cancellationToken)
    {
        foreach (var month in times.Select(MonthOf).Distinct())
        {
            if (_ensured.ContainsKey(month))
            {
                continue;
            }

            await using var command = dataSource.CreateCommand(
                "SELECT coworker.ensure_audit_partition(@month), coworker.ensure_audit_partition(@next)");
            command.Parameters.AddWithValue("month", month);
            command.Parameters.AddWithValue("next", month.AddMonths(1));
            await command.ExecuteNonQueryAsync(cancellationToken);
            _ensured[month] = true;
        }
    }

    private static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);
}
