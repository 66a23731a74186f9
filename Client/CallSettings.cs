using Grpc.Core;

namespace Coworker.Client;

/// <summary>What every call of one <see cref="CoworkerClient"/> shares: its tenant and per-call deadline.</summary>
internal sealed record CallSettings(string Tenant, TimeSpan? Timeout)
{
    public CallOptions Unary(CancellationToken cancellationToken) =>
        new(deadline: Timeout is { } timeout ? DateTime.UtcNow + timeout : null, cancellationToken: cancellationToken);

    public static CallOptions Stream(CancellationToken cancellationToken) => new(cancellationToken: cancellationToken);
}
