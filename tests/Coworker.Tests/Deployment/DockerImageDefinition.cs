using System.Text.RegularExpressions;

namespace Coworker.Tests.Deployment;

/// <summary>The facts a Dockerfile states about the .NET image it builds.</summary>
internal sealed partial record DockerImageDefinition(
    string DockerfilePath,
    string? ProjectPath,
    string? EntrypointAssembly,
    IReadOnlyList<string> BaseImages,
    IReadOnlyList<string> EnvironmentKeys)
{
    public static DockerImageDefinition Load(string dockerfilePath)
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf(dockerfilePath));
        return new DockerImageDefinition(
            dockerfilePath,
            PublishPattern().Match(text) is { Success: true } publish ? publish.Groups["project"].Value : null,
            EntrypointPattern().Match(text) is { Success: true } entry ? entry.Groups["dll"].Value : null,
            FromPattern().Matches(text).Select(m => m.Groups["image"].Value).ToList(),
            EnvPattern().Matches(text).SelectMany(m => EnvKeyPattern().Matches(m.Groups["pairs"].Value)).Select(m => m.Groups["key"].Value).ToList());
    }

    [GeneratedRegex(@"dotnet\s+publish\s+""?(?<project>[^\s""]+\.csproj)")]
    private static partial Regex PublishPattern();

    [GeneratedRegex(@"^ENTRYPOINT\s*\[\s*""dotnet""\s*,\s*""(?<dll>[^""]+)\.dll""", RegexOptions.Multiline)]
    private static partial Regex EntrypointPattern();

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"^ENV\s+(?<pairs>.+)$", RegexOptions.Multiline)]
    private static partial Regex EnvPattern();

    [GeneratedRegex(@"(?:^|\s)(?<key>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvKeyPattern();
}
