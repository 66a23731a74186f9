using YamlDotNet.RepresentationModel;

namespace Coworker.Tests.Deployment;

/// <summary>One service of compose.yaml, with the parts the deployment tests look at.</summary>
internal sealed class ComposeService
{
    private readonly Lazy<DockerImageDefinition?> _image;

    public ComposeService(string name, YamlMappingNode node)
    {
        Name = name;
        Node = node;
        Environment = ReadEnvironment(node);
        _image = new(() => DockerfilePath(node) is { } path && File.Exists(RepositoryFiles.PathOf(path)) ? DockerImageDefinition.Load(path) : null);
    }

    public string Name { get; }

    public YamlMappingNode Node { get; }

    /// <summary>Environment as the container sees it; both the mapping and the "KEY=value" list forms.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The Dockerfile's path relative to the repository root, when the service is built here.</summary>
    public string? Dockerfile => DockerfilePath(Node);

    /// <summary>The image: a registry image such as pgvector/pgvector:pg17, or the tag a build is given.</summary>
    public string? ImageName => Scalar(Node, "image");

    /// <summary>What the service's Dockerfile builds and runs (null when it is a plain image such as postgres).</summary>
    public DockerImageDefinition? Image => _image.Value;

    /// <summary>depends_on: service name -> condition (service_started when the short list form is used).</summary>
    public IReadOnlyDictionary<string, string> DependsOn => Child(Node, "depends_on") switch
    {
        YamlSequenceNode list => list.Children.ToDictionary(n => ((YamlScalarNode)n).Value!, _ => "service_started"),
        YamlMappingNode map => map.Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!,
            e => Scalar((YamlMappingNode)e.Value, "condition") ?? "service_started"),
        _ => new Dictionary<string, string>(),
    };

    /// <summary>networks: network name -> fixed ipv4_address, for the networks that give one.</summary>
    public IReadOnlyDictionary<string, string> FixedAddresses => Child(Node, "networks") is YamlMappingNode networks
        ? networks.Children
            .Where(e => e.Value is YamlMappingNode settings && Scalar(settings, "ipv4_address") is not null)
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => Scalar((YamlMappingNode)e.Value, "ipv4_address")!)
        : new Dictionary<string, string>();

    /// <summary>ports: the "host:container" entries, as container port -> host port.</summary>
    public IReadOnlyDictionary<int, int> PublishedPorts => Child(Node, "ports") is YamlSequenceNode ports
        ? ports.Children.Select(p => ((YamlScalarNode)p).Value!.Split(':'))
            .ToDictionary(parts => int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture),
                parts => int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture))
        : new Dictionary<int, int>();

    public IReadOnlyList<string> Command => Child(Node, "command") switch
    {
        YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value!).ToList(),
        YamlScalarNode line => line.Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    public override string ToString() => Name;

    internal static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static YamlMappingNode? Build(YamlMappingNode node) => Child(node, "build") switch
    {
        YamlMappingNode build => build,
        YamlScalarNode context => new YamlMappingNode(new YamlScalarNode("context"), context),
        _ => null,
    };

    // Compose resolves the dockerfile against the build context; the context is the repository root here.
    private static string? DockerfilePath(YamlMappingNode node) => Build(node) is { } build
        ? Path.GetRelativePath(
            RepositoryFiles.RootDirectory,
            RepositoryFiles.PathOf(Path.Combine(Scalar(build, "context") ?? ".", Scalar(build, "dockerfile") ?? "Dockerfile"))).Replace('\\', '/')
        : null;

    private static Dictionary<string, string> ReadEnvironment(YamlMappingNode node) => Child(node, "environment") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? ""),
        YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value!.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : ""),
        _ => [],
    };
}
