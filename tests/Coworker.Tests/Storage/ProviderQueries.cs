namespace Coworker.Tests.Storage;

/// <summary>
/// What the Orleans 10.4 ADO.NET providers look up in OrleansQuery, and the parameters each binds,
/// taken from the providers themselves (DbStoredQueries / RelationalOrleansQueries / AdoNetGrainStorage).
/// A query text may use fewer parameters than bound, never others: Npgsql would leave an unbound
/// "@Name" in the SQL. Result: the columns the provider reads by name (null: a single unnamed value).
/// </summary>
public static class ProviderQueries
{
    private static readonly string[] GrainKey =
        ["GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString", "GrainIdExtensionString", "ServiceId"];

    private static readonly string[] MembershipColumns =
        ["Address", "Port", "Generation", "SiloName", "HostName", "Status", "ProxyPort", "SuspectTimes", "StartTime", "IAmAliveTime", "Version"];

    private static readonly string[] ReminderColumns = ["GrainId", "ReminderName", "StartTime", "Period", "Version"];

    public static IReadOnlyList<ProviderQuery> All { get; } =
    [
        // Microsoft.Orleans.Clustering.AdoNet (silos and clients)
        new("InsertMembershipVersionKey", ["DeploymentId"], null),
        new("InsertMembershipKey", ["DeploymentId", "IAmAliveTime", "SiloName", "HostName", "Address", "Port", "Generation", "StartTime", "Status", "ProxyPort", "Version"], null),
        new("UpdateMembershipKey", ["DeploymentId", "Address", "Port", "Generation", "IAmAliveTime", "Status", "SuspectTimes", "Version"], null),
        new("UpdateIAmAlivetimeKey", ["DeploymentId", "Address", "Port", "Generation", "IAmAliveTime"], []),
        new("MembershipReadRowKey", ["DeploymentId", "Address", "Port", "Generation"], MembershipColumns),
        new("MembershipReadAllKey", ["DeploymentId"], MembershipColumns),
        new("GatewaysQueryKey", ["DeploymentId", "Status"], ["Address", "ProxyPort", "Generation"]),
        new("DeleteMembershipTableEntriesKey", ["DeploymentId"], []),
        new("CleanupDefunctSiloEntriesKey", ["DeploymentId", "IAmAliveTime"], []),
        new("CleanupDefunctSiloEntryKey", ["DeploymentId", "Address", "Port", "Generation", "SuspectTimes", "StartTime", "IAmAliveTime"], []),

        // Microsoft.Orleans.Persistence.AdoNet
        new("ReadFromStorageKey", GrainKey, ["PayloadBinary", "Version"]),
        new("WriteToStorageKey", [.. GrainKey, "GrainStateVersion", "PayloadBinary"], ["NewGrainStateVersion"]),
        new("ClearStorageKey", [.. GrainKey, "GrainStateVersion"], null),
        new("DeleteStorageKey", [.. GrainKey, "GrainStateVersion"], null),

        // Microsoft.Orleans.Reminders.AdoNet
        new("ReadReminderRowsKey", ["ServiceId", "GrainId"], ReminderColumns),
        new("ReadReminderRowKey", ["ServiceId", "GrainId", "ReminderName"], ReminderColumns),
        new("ReadRangeRows1Key", ["ServiceId", "BeginHash", "EndHash"], ReminderColumns),
        new("ReadRangeRows2Key", ["ServiceId", "BeginHash", "EndHash"], ReminderColumns),
        new("UpsertReminderRowKey", ["ServiceId", "GrainHash", "GrainId", "ReminderName", "StartTime", "Period"], ["Version"]),
        new("DeleteReminderRowKey", ["ServiceId", "GrainId", "ReminderName", "Version"], null),
        new("DeleteReminderRowsKey", ["ServiceId"], []),
    ];
}

/// <param name="Key">OrleansQuery.QueryKey.</param>
/// <param name="Parameters">Named parameters the provider binds.</param>
/// <param name="Result">Columns read by name; empty for statements without a result; null for one unnamed value.</param>
public sealed record ProviderQuery(string Key, IReadOnlyList<string> Parameters, IReadOnlyList<string>? Result)
{
    public override string ToString() => Key;
}
