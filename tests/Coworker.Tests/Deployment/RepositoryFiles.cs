namespace Coworker.Tests.Deployment;

/// <summary>Paths in the checkout the tests run from (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coworker.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Coworker.Orleans.sln not found above {AppContext.BaseDirectory}.");
    });

    public static string RootDirectory => Root.Value;

    /// <summary>A repository-relative path ("Silo/Silo.csproj") as a full path.</summary>
    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(RootDirectory, relativePath.Replace('\\', '/')));
}
