using System.Collections.Concurrent;
using System.Reflection;
using Coworker.Common;

namespace Coworker.Secrets;

/// <summary>
/// Enforces <see cref="SiloInternalAttribute"/>: such methods accept calls from grains and from silo code
/// (whose calls carry the silo's hosted-client id, "hosted-{silo}"), and refuse calls from external
/// cluster clients. It is a second line: the methods it guards return ciphertext only, which no client
/// can open without the master key.
/// </summary>
public static class SiloInternalCalls
{
    private const string HostedClientPrefix = "hosted-";

    private static readonly ConcurrentDictionary<MethodInfo, bool> Marked = new();

    public static bool IsSiloInternal(MethodInfo? method) =>
        method is not null && Marked.GetOrAdd(method, m => m.GetCustomAttribute<SiloInternalAttribute>() is not null);

    public static bool IsFromInsideCluster(GrainId? source)
    {
        if (source is not { } id)
        {
            return false;
        }

        return !GrainTypePrefix.IsClient(id) || id.Key.ToString().StartsWith(HostedClientPrefix, StringComparison.Ordinal);
    }

    /// <summary>Throws Forbidden when a silo-internal method is called from outside the cluster.</summary>
    public static void Check(IIncomingGrainCallContext context)
    {
        if (IsSiloInternal(context.InterfaceMethod) && !IsFromInsideCluster(context.SourceId))
        {
            throw CoworkerException.Forbidden($"{context.InterfaceName}.{context.MethodName} can only be called inside the cluster.");
        }
    }
}
