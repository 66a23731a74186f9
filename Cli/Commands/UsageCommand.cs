using System.CommandLine;
using System.Globalization;
using Coworker.Cli.Gateway;
using Coworker.Cli.Output;

namespace Coworker.Cli.Commands;

/// <summary>
/// <c>coworker usage [--agent &lt;id&gt;]</c>: the tenant's (or one agent's) tool calls this UTC day and month against
/// its call quota, and when each period resets.
/// </summary>
internal static class UsageCommand
{
    public static Command Create(GatewayOptions gateway)
    {
        var agent = new Option<string>("--agent") { Description = "Show this agent's own usage and quota instead of the whole tenant's." };
        var tenant = GatewayOptions.Tenant();
        var command = new Command("usage", "Tool calls this UTC day and month against the call quota, for the tenant or one agent (Viewer).") { agent, tenant };
        gateway.SetAction(command, tenant, async (session, parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(agent) is { Length: > 0 } id
                ? session.TenantPath($"agents/{Uri.EscapeDataString(id)}/usage")
                : session.TenantPath("usage");
            var reply = await session.Client.GetAsync<CallUsage>(path, cancellationToken);
            if (session.Json)
            {
                await session.WriteJsonAsync(reply.Json);
                return ExitCodes.Ok;
            }

            await new TextTable("period", "calls", "quota", "resets (UTC)")
                .Add(Row("day", reply.Value.Day))
                .Add(Row("month", reply.Value.Month))
                .WriteAsync(session.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string[] Row(string period, UsagePeriod usage) =>
    [
        period,
        usage.Calls.ToString(CultureInfo.InvariantCulture),
        usage.Limit?.ToString(CultureInfo.InvariantCulture) ?? "none",
        usage.ResetsAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    ];
}
