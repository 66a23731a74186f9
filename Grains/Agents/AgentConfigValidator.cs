using Coworker.Common;

namespace Coworker.Agents;

/// <summary>Checks an agent configuration and returns it normalised (trimmed, roles de-duplicated).</summary>
public static class AgentConfigValidator
{
    public static AgentConfig Validate(AgentConfig? config)
    {
        if (config is null)
        {
            throw CoworkerException.Validation("An agent configuration is required.");
        }

        var name = config.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            throw CoworkerException.Validation("An agent needs a name of 1-100 characters.");
        }

        if ((config.Description?.Length ?? 0) > 2_000)
        {
            throw CoworkerException.Validation("The description is limited to 2000 characters.");
        }

        if ((config.Instructions?.Length ?? 0) > 20_000)
        {
            throw CoworkerException.Validation("Instructions are limited to 20000 characters.");
        }

        var model = config.Model ?? ModelSettings.Default;
        if (string.IsNullOrWhiteSpace(model.Provider) || string.IsNullOrWhiteSpace(model.Model))
        {
            throw CoworkerException.Validation("Model settings need a provider and a model name.");
        }

        if (model.Temperature is < 0 or > 2 || double.IsNaN(model.Temperature))
        {
            throw CoworkerException.Validation("Model temperature must be between 0 and 2.");
        }

        if (model.MaxOutputTokens is < 1 or > 1_000_000)
        {
            throw CoworkerException.Validation("Model max output tokens must be between 1 and 1000000.");
        }

        var roles = (config.Roles ?? []).Select(role => Slug.Require(role, "role")).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count > 100)
        {
            throw CoworkerException.Validation("An agent can hold at most 100 roles.");
        }

        if (config.RateLimit is { } limit && (limit.PerMinute is < 1 or > 1_000_000 || limit.Burst is < 1 or > 100_000))
        {
            throw CoworkerException.Validation("A rate limit needs 1-1000000 calls per minute and a burst of 1-100000.");
        }

        if (config.CallQuota?.IsValid() == false)
        {
            throw CoworkerException.Validation($"A call quota needs 1-{CallQuota.Max} calls per day and per month (or none).");
        }

        return new AgentConfig(name, config.Description?.Trim() ?? "", config.Instructions ?? "", model, roles, config.RateLimit, config.CallQuota);
    }
}
