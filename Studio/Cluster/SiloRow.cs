namespace Coworker.Studio.Cluster;

/// <summary>One silo as the membership table knows it; <see cref="Activations"/> is null when it could not be asked.</summary>
public sealed record SiloRow(
    string Address,
    string? Name,
    string? HostName,
    string Status,
    DateTime StartedAt,
    DateTime LastAliveAt,
    int? Activations)
{
    public bool IsActive => Status == nameof(SiloStatus.Active);
}
