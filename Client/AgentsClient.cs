using System.Runtime.CompilerServices;
using Coworker.Grpc.V1;

namespace Coworker.Client;

/// <summary>The tenant's agents: listing (Viewer) and the start/stop lifecycle (Member).</summary>
public sealed class AgentsClient
{
    private readonly AgentService.AgentServiceClient _agents;
    private readonly CallSettings _settings;

    internal AgentsClient(AgentService.AgentServiceClient agents, CallSettings settings)
    {
        _agents = agents;
        _settings = settings;
    }

    /// <summary>Every agent of the tenant, fetching pages as the enumeration goes.</summary>
    /// <param name="pageSize">Agents per request (1-500; 0 means 100).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public async IAsyncEnumerable<AgentSummary> ListAsync(int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = "";
        do
        {
            var page = await CoworkerErrors.CallAsync(_agents.ListAgentsAsync(new ListAgentsRequest
            {
                Tenant = _settings.Tenant, PageSize = pageSize, PageToken = token,
            }, _settings.Unary(cancellationToken)), cancellationToken).ConfigureAwait(false);
            foreach (var agent in page.Agents)
            {
                yield return agent;
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);
    }

    /// <summary>The agent's definition and status.</summary>
    /// <param name="agent">The agent's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CoworkerNotFoundException">No such agent in the tenant.</exception>
    public Task<Agent> GetAsync(string agent, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_agents.GetAgentAsync(new GetAgentRequest { Tenant = _settings.Tenant, Agent = agent },
            _settings.Unary(cancellationToken)), cancellationToken);

    /// <summary>Starts a created or stopped agent (Member). Not retried.</summary>
    /// <param name="agent">The agent's id.</param>
    /// <param name="cancellationToken">Stops waiting; a change that reached the Gateway still completes.</param>
    /// <returns>The agent after the change.</returns>
    /// <exception cref="CoworkerException">FAILED_PRECONDITION when the agent cannot start from its current status.</exception>
    public Task<Agent> StartAsync(string agent, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_agents.StartAgentAsync(new AgentRef { Tenant = _settings.Tenant, Agent = agent },
            _settings.Unary(cancellationToken)), cancellationToken);

    /// <summary>Stops an active agent (Member): its keys stop working for tool calls until it starts again. Not retried.</summary>
    /// <param name="agent">The agent's id.</param>
    /// <param name="cancellationToken">Stops waiting; a change that reached the Gateway still completes.</param>
    /// <returns>The agent after the change.</returns>
    /// <exception cref="CoworkerException">FAILED_PRECONDITION when the agent is not active.</exception>
    public Task<Agent> StopAsync(string agent, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_agents.StopAgentAsync(new AgentRef { Tenant = _settings.Tenant, Agent = agent },
            _settings.Unary(cancellationToken)), cancellationToken);

    /// <summary>Issues an API key for the agent (Owner). The plain key is in this answer only: store it now.</summary>
    /// <param name="agent">The agent's id.</param>
    /// <param name="name">A label to recognise the key by.</param>
    /// <param name="cancellationToken">Stops waiting; a key issued meanwhile stays valid (revoke it by its id).</param>
    public Task<IssuedAgentKey> CreateKeyAsync(string agent, string name, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_agents.CreateAgentKeyAsync(new CreateAgentKeyRequest { Tenant = _settings.Tenant, Agent = agent, Name = name },
            _settings.Unary(cancellationToken)), cancellationToken);

    /// <summary>The agent's keys, masked: ids, names and prefixes, never the keys (Member).</summary>
    /// <param name="agent">The agent's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<AgentKey>> ListKeysAsync(string agent, CancellationToken cancellationToken = default) =>
        (await CoworkerErrors.CallAsync(_agents.ListAgentKeysAsync(new AgentRef { Tenant = _settings.Tenant, Agent = agent },
            _settings.Unary(cancellationToken)), cancellationToken).ConfigureAwait(false)).Keys;

    /// <summary>Revokes one of the agent's keys (Owner): calls with it are refused from then on.</summary>
    /// <param name="agent">The agent's id.</param>
    /// <param name="keyId">The key's id, from <see cref="ListKeysAsync"/> or <see cref="CreateKeyAsync"/>.</param>
    /// <param name="cancellationToken">Stops waiting; a revocation that reached the Gateway still completes.</param>
    public Task RevokeKeyAsync(string agent, string keyId, CancellationToken cancellationToken = default) =>
        CoworkerErrors.CallAsync(_agents.RevokeAgentKeyAsync(new RevokeAgentKeyRequest { Tenant = _settings.Tenant, Agent = agent, KeyId = keyId },
            _settings.Unary(cancellationToken)), cancellationToken);
}
