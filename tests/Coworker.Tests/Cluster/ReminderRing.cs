using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Coworker.Tests.Cluster;

/// <summary>
/// Which silo fires a grain's reminders: the reminder service partitions the consistent ring, and the silo
/// owning the grain's uniform hash reads and fires its rows. The ring provider is internal to Orleans, so
/// the test asks it by reflection; a rename in a future Orleans fails loudly here rather than silently
/// testing the wrong silo.
/// </summary>
public static class ReminderRing
{
    public static SiloAddress OwnerOf(SiloHandle anySilo, GrainId grain)
    {
        var services = ((InProcessSiloHandle)anySilo).ServiceProvider;
        var ringType = Type.GetType("Orleans.Runtime.ConsistentRing.IConsistentRingProvider, Orleans.Runtime", throwOnError: true)!;
        var ring = services.GetRequiredService(ringType);
        var primaryTarget = ringType.GetMethod("GetPrimaryTargetSilo", [typeof(uint)])
            ?? throw new MissingMethodException(ringType.FullName, "GetPrimaryTargetSilo");
        return (SiloAddress?)primaryTarget.Invoke(ring, [grain.GetUniformHashCode()])
            ?? throw new InvalidOperationException($"The ring has no owner for {grain}.");
    }
}
