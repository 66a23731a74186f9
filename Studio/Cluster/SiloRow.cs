namespace Coworker.Studio.Cluster;

/// <summary>
/// One silo as the membership table knows it: <see cref="Address"/> is its silo-to-silo endpoint,
/// <see cref="GatewayPort"/> the port clients connect to (0 when it is no gateway), and
/// <see cref="Activations"/> is null when the silo could not be asked.
/// </summary>
public sealed record SiloRow(
    string Address,
    int GatewayPort,
    string? Name,
    string? HostName,
    string Status,
    DateTime StartedAt,
    DateTime LastAliveAt,
    int? Activations)
{
    public bool IsActive => Status == nameof(SiloStatus.Active);
}
