using Coworker.Grpc.V1;

namespace Coworker.Client;

/// <summary>Tool calls counted against call quotas in the current UTC day and month (Viewer).</summary>
public sealed class UsageClient
{
    private readonly UsageService.UsageServiceClient _usage;
    private readonly CallSettings _settings;

    internal UsageClient(UsageService.UsageServiceClient usage, CallSettings settings)
    {
        _usage = usage;
        _settings = settings;
    }

    /// <summary>One agent's calls today and this month, with its limits.</summary>
    /// <param name="agent">The agent's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<CallUsage> GetAgentAsync(string agent, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_usage.GetAgentUsageAsync(new GetAgentUsageRequest { Tenant = _settings.Tenant, Agent = agent },
            _settings.Unary(cancellationToken)), cancellationToken);

    /// <summary>The whole tenant's calls today and this month, with its limits.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<CallUsage> GetTenantAsync(CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_usage.GetTenantUsageAsync(new GetTenantUsageRequest { Tenant = _settings.Tenant },
            _settings.Unary(cancellationToken)), cancellationToken);
}
