using System.Text.RegularExpressions;

namespace Coworker.Tests.Deployment;

/// <summary>
/// The configuration keys the code reads, taken from the text of ServiceDefaults/ConfigKeys.cs (not from the
/// compiled class, so that the test reads exactly what a reviewer reads) in environment-variable form.
/// </summary>
internal static partial class ConfigKeySource
{
    /// <summary>Keys ASP.NET Core and the .NET host read themselves; DOTNET_* is matched as a prefix.</summary>
    public static readonly IReadOnlySet<string> FrameworkKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Urls", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT" };

    public static IReadOnlySet<string> EnvironmentKeys()
    {
        var source = File.ReadAllText(RepositoryFiles.PathOf("ServiceDefaults/ConfigKeys.cs"));
        return ConstPattern().Matches(source)
            .Select(m => m.Groups["value"].Value)
            // Key-shaped values only: "Section:Key" or an ENVIRONMENT_NAME; defaults such as "coworker" are not keys.
            .Where(value => value.Contains(':', StringComparison.Ordinal) || EnvironmentNamePattern().IsMatch(value))
            .Select(value => value.Replace(":", "__", StringComparison.Ordinal))
            // .NET configuration keys are case-insensitive, whatever the environment's rules.
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsReadByTheCode(string key, IReadOnlySet<string> codeKeys) =>
        codeKeys.Contains(key) || FrameworkKeys.Contains(key) || key.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"const\s+string\s+\w+\s*=\s*""(?<value>[^""]+)""")]
    private static partial Regex ConstPattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")]
    private static partial Regex EnvironmentNamePattern();
}
