using System.Xml.Linq;

namespace Coworker.Tests.Deployment;

/// <summary>A .csproj read as text: its assembly name and the packages it brings in, directly or through project references.</summary>
internal sealed record ProjectFile(string RelativePath, string AssemblyName, IReadOnlyList<string> PackageReferences, IReadOnlyList<string> ProjectReferences)
{
    public static ProjectFile Load(string relativePath)
    {
        var fullPath = RepositoryFiles.PathOf(relativePath);
        var xml = XDocument.Load(fullPath);
        var directory = Path.GetDirectoryName(relativePath) ?? "";
        return new ProjectFile(
            relativePath,
            xml.Descendants("AssemblyName").Select(e => e.Value).LastOrDefault() ?? Path.GetFileNameWithoutExtension(relativePath),
            xml.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include")).OfType<string>().ToList(),
            xml.Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include")).OfType<string>()
                .Select(include => Path.GetRelativePath(RepositoryFiles.RootDirectory, RepositoryFiles.PathOf(Path.Combine(directory, include))).Replace('\\', '/'))
                .ToList());
    }

    /// <summary>Every package this project and the projects it references ask for.</summary>
    public ISet<string> AllPackageReferences()
    {
        var packages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>();
        var pending = new Stack<ProjectFile>([this]);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project.RelativePath))
            {
                continue;
            }

            packages.UnionWith(project.PackageReferences);
            foreach (var reference in project.ProjectReferences)
            {
                pending.Push(Load(reference));
            }
        }

        return packages;
    }
}
