using YamlDotNet.RepresentationModel;

namespace Coworker.Tests.Deployment;

/// <summary>
/// compose.yaml read the way Docker Compose reads it: anchors and merge keys (&lt;&lt;: *x) resolved, so each
/// service shows the environment its container really gets.
/// </summary>
internal sealed class ComposeFile
{
    private ComposeFile(IReadOnlyList<ComposeService> services, YamlMappingNode root)
    {
        Services = services;
        Root = root;
    }

    public IReadOnlyList<ComposeService> Services { get; }

    public YamlMappingNode Root { get; }

    /// <summary>The services Compose builds from this repository's Dockerfiles (the .NET processes).</summary>
    public IEnumerable<ComposeService> DotNetServices => Services.Where(s => s.Dockerfile is not null);

    /// <summary>The .NET services whose Dockerfile exists and publishes a project that exists (the others fail one test, not all).</summary>
    public IEnumerable<ComposeService> BuiltServices =>
        DotNetServices.Where(s => s.Image?.ProjectPath is { } project && File.Exists(RepositoryFiles.PathOf(project)));

    public ComposeService this[string name] =>
        Services.SingleOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"compose.yaml has no service '{name}'.");

    public IEnumerable<ComposeService> ServicesPublishing(string projectPath) =>
        DotNetServices.Where(s => s.Image?.ProjectPath == projectPath);

    public static ComposeFile Load()
    {
        using var reader = new StreamReader(RepositoryFiles.PathOf("compose.yaml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var root = (YamlMappingNode)ResolveMerges(stream.Documents.Single().RootNode);
        var services = ((YamlMappingNode)root[new YamlScalarNode("services")]).Children
            .Select(entry => new ComposeService(((YamlScalarNode)entry.Key).Value!, (YamlMappingNode)entry.Value))
            .ToList();
        return new ComposeFile(services, root);
    }

    // YAML merge keys as Compose applies them: "<<: *a" or "<<: [*a, *b]" copies the keys the mapping does not
    // set itself (explicit keys win; among several sources the first wins). YamlDotNet's MergingParser
    // rejects an explicit key that a merge also brings, which Compose files legitimately do.
    private static YamlNode ResolveMerges(YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                return new YamlSequenceNode(sequence.Children.Select(ResolveMerges));
            case YamlMappingNode mapping:
                var resolved = new YamlMappingNode();
                var mergeKey = new YamlScalarNode("<<");
                foreach (var (key, value) in mapping.Children.Where(e => !e.Key.Equals(mergeKey)))
                {
                    resolved.Add(key, ResolveMerges(value));
                }

                if (mapping.Children.TryGetValue(mergeKey, out var sources))
                {
                    var sourceList = sources is YamlSequenceNode many ? many.Children : [sources];
                    foreach (var source in sourceList.Select(ResolveMerges).Cast<YamlMappingNode>())
                    {
                        foreach (var (key, value) in source.Children.Where(e => !resolved.Children.ContainsKey(e.Key)))
                        {
                            resolved.Add(key, value);
                        }
                    }
                }

                return resolved;
            default:
                return node;
        }
    }
}
