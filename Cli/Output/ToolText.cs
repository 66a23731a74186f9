using Coworker.Cli.Gateway;

namespace Coworker.Cli.Output;

/// <summary>How tools read on a terminal.</summary>
internal static class ToolText
{
    /// <summary>"3" when the latest version is the published one or nothing is published; "3 (published 2)" otherwise.</summary>
    public static string Version(int latest, int? published) =>
        published is { } p && p != latest ? $"{latest} (published {p})" : latest.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The one-line answer of publish / unpublish / deprecate.</summary>
    public static async Task WriteStatusAsync(GatewaySession session, GatewayReply<Tool> reply)
    {
        if (session.Json)
        {
            await session.WriteJsonAsync(reply.Json);
            return;
        }

        var tool = reply.Value;
        var line = tool.Status switch
        {
            ToolStatus.Published => $"{tool.Name}: Published, version {tool.PublishedVersion} (latest {tool.LatestVersion}); granted agents can call it.",
            ToolStatus.Staged => $"{tool.Name}: Staged, version {tool.LatestVersion}; agents cannot call it.",
            _ => $"{tool.Name}: {tool.Status}{(tool.StatusReason is { Length: > 0 } reason ? $" ({reason})" : "")}; never callable.",
        };
        await session.Output.WriteLineAsync(line);
    }
}
