namespace Coworker.Secrets;

/// <summary>
/// Marks a grain method that only code running inside a silo may call (other grains, silo services). The
/// grain refuses calls to it that arrive from an external cluster client such as the Gateway or Studio.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class SiloInternalAttribute : Attribute;
