using System.Net;
using Npgsql;

namespace Coworker.Tests.Deployment;

/// <summary>
/// compose.yaml cannot be run here (no Docker engine), so these tests hold it to the code instead: the keys
/// the processes read, the projects the Dockerfiles publish, and the cluster topology Orleans needs.
/// </summary>
public sealed class ComposeFileTests
{
    private const string SiloProject = "Silo/Silo.csproj";
    private const string GatewayProject = "Gateway/Gateway.csproj";
    private const string StudioProject = "Studio/Studio.csproj";
    private const string CliProject = "Cli/Cli.csproj";

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void EveryDotNetProcessIsBuiltFromThisRepository()
    {
        foreach (var project in new[] { SiloProject, GatewayProject, StudioProject, CliProject })
        {
            Assert.True(_compose.ServicesPublishing(project).Any(), $"no compose service runs {project}");
        }

        Assert.True(_compose.ServicesPublishing(SiloProject).Count() >= 2, "compose must run at least two silos");
    }

    [Fact]
    public void EveryDockerfileComposeBuildsExistsAndPublishesAnExistingProject()
    {
        foreach (var service in _compose.DotNetServices)
        {
            Assert.True(File.Exists(RepositoryFiles.PathOf(service.Dockerfile!)), $"{service}: {service.Dockerfile} does not exist");
            var image = service.Image!;
            Assert.True(image.EntrypointAssembly is not null, $"{service.Dockerfile}: no ENTRYPOINT [\"dotnet\", \"<assembly>.dll\"]");
            Assert.True(image.ProjectPath is not null, $"{service.Dockerfile}: no 'dotnet publish <project>.csproj' step");
            Assert.True(File.Exists(RepositoryFiles.PathOf(image.ProjectPath)), $"{service.Dockerfile} publishes {image.ProjectPath}, which does not exist");
            Assert.Contains(image.BaseImages, from => from.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EachImageStartsTheAssemblyItsProjectBuilds()
    {
        foreach (var service in _compose.BuiltServices)
        {
            var image = service.Image!;
            var project = ProjectFile.Load(image.ProjectPath!);
            Assert.True(project.AssemblyName == image.EntrypointAssembly,
                $"{image.DockerfilePath} starts {image.EntrypointAssembly}.dll but {project.RelativePath} builds {project.AssemblyName}.dll");
        }
    }

    [Fact]
    public void EveryEnvironmentKeyAServiceSetsIsOneTheCodeReads()
    {
        var codeKeys = ConfigKeySource.EnvironmentKeys();
        Assert.Contains("ConnectionStrings__Postgres", codeKeys);

        var unread = _compose.DotNetServices
            .SelectMany(service => service.Environment.Keys.Select(key => (where: service.Name, key)))
            .Concat(_compose.DotNetServices.Select(s => s.Image).OfType<DockerImageDefinition>().Distinct()
                .SelectMany(image => image.EnvironmentKeys.Select(key => (where: image.DockerfilePath, key))))
            .Where(setting => !ConfigKeySource.IsReadByTheCode(setting.key, codeKeys))
            .Select(setting => $"{setting.where}: {setting.key}")
            .ToList();
        Assert.True(unread.Count == 0, "set but read by no code (not in ServiceDefaults/ConfigKeys.cs): " + string.Join(", ", unread));
    }

    [Fact]
    public void EveryDotNetServiceGetsAPostgresConnectionToTheComposePostgres()
    {
        var postgresServices = ServicesRunningImage("postgres").Concat(ServicesRunningImage("pgvector")).ToHashSet();
        foreach (var service in _compose.DotNetServices)
        {
            Assert.True(service.Environment.TryGetValue("ConnectionStrings__Postgres", out var connection) && connection.Length > 0,
                $"{service}: ConnectionStrings__Postgres is not set");
            var host = new NpgsqlConnectionStringBuilder(connection).Host;
            Assert.True(host is not null && postgresServices.Contains(host), $"{service}: PostgreSQL host '{host}' is not a compose service");
        }
    }

    [Fact]
    public void NatsUrlIsGivenExactlyToTheServicesWhoseProjectsUseNats()
    {
        foreach (var service in _compose.BuiltServices)
        {
            var usesNats = ProjectFile.Load(service.Image!.ProjectPath!).AllPackageReferences().Contains("NATS.Net");
            var hasUrl = service.Environment.TryGetValue("ConnectionStrings__Nats", out var url);
            Assert.True(usesNats == hasUrl,
                usesNats ? $"{service}: its project uses NATS.Net but ConnectionStrings__Nats is not set" : $"{service}: sets ConnectionStrings__Nats but never uses NATS");
            if (hasUrl)
            {
                var uri = new Uri(WithoutVariables(url!));
                Assert.Equal("nats", uri.Scheme);
                Assert.Contains(uri.Host, ServicesRunningImage("nats"));
            }
        }

        Assert.All(_compose.ServicesPublishing(SiloProject), silo => Assert.Contains("ConnectionStrings__Nats", silo.Environment.Keys));
    }

    [Fact]
    public void SilosAndGatewayConnectToNatsAsTheirOwnUsersWithPasswordsFromTheEnvironment()
    {
        var nats = _compose[ServicesRunningImage("nats").Single()];
        Assert.Contains("./deploy/nats.conf:/etc/nats/coworker.conf:ro", ComposeService.Child(nats.Node, "volumes")!.ToString());
        var config = File.ReadAllText(RepositoryFiles.PathOf("deploy/nats.conf"));
        foreach (var (project, user) in new[] { (SiloProject, "silo"), (GatewayProject, "gateway") })
        {
            var variable = $"NATS_{user.ToUpperInvariant()}_PASSWORD";
            Assert.Contains($"user: {user}\n      password: ${variable}", config.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.True(nats.Environment.GetValueOrDefault(variable)?.StartsWith($"${{{variable}:?", StringComparison.Ordinal),
                $"the nats service does not require {variable} from .env");
            foreach (var service in _compose.ServicesPublishing(project))
            {
                var uri = new Uri(WithoutVariables(service.Environment["ConnectionStrings__Nats"]));
                Assert.Equal(user, uri.UserInfo.Split(':')[0]);
                Assert.StartsWith($"${{{variable}:?", service.Environment["ConnectionStrings__Nats"].Split(':', 3)[2], StringComparison.Ordinal);
            }
        }

        Assert.Contains("--config", nats.Command);
    }

    [Fact]
    public void SilosGatewayAndStudioJoinTheSameClusterAndService()
    {
        var members = new[] { SiloProject, GatewayProject, StudioProject }.SelectMany(_compose.ServicesPublishing).ToList();
        foreach (var key in new[] { "Orleans__ClusterId", "Orleans__ServiceId" })
        {
            var values = members.Select(service =>
                service.Environment.TryGetValue(key, out var value) && value.Length > 0
                    ? value
                    : throw new Xunit.Sdk.XunitException($"{service}: {key} is not set")).Distinct().ToList();
            Assert.True(values.Count == 1, $"{key} differs across {string.Join(", ", members)}: {string.Join(" / ", values)}");
        }
    }

    [Fact]
    public void TheSilosAdvertiseDifferentAddressesThatTheirContainersOwn()
    {
        var silos = _compose.ServicesPublishing(SiloProject).ToList();
        var advertised = new List<IPAddress>();
        foreach (var silo in silos)
        {
            Assert.True(silo.Environment.TryGetValue("Orleans__AdvertisedIP", out var value), $"{silo}: Orleans__AdvertisedIP is not set");
            // Orleans parses an address, not a host name (SiloSetup.UseConfiguredEndpoints).
            Assert.True(IPAddress.TryParse(value, out var address), $"{silo}: Orleans__AdvertisedIP '{value}' is not an IP address");
            Assert.True(silo.FixedAddresses.Values.Contains(value),
                $"{silo}: advertises {value} but its container is not given that address (networks: ipv4_address)");
            advertised.Add(address!);
        }

        Assert.Equal(advertised.Count, advertised.Distinct().Count());
        Assert.Equal(silos.Count, silos.Select(s => ServiceHostName(s)).Distinct().Count());
    }

    [Fact]
    public void EverySiloUsesTheSameSiloAndGatewayPortsInsideItsContainer()
    {
        foreach (var silo in _compose.ServicesPublishing(SiloProject))
        {
            Assert.Equal("11111", silo.Environment.GetValueOrDefault("Orleans__SiloPort"));
            Assert.Equal("30000", silo.Environment.GetValueOrDefault("Orleans__GatewayPort"));
        }
    }

    [Fact]
    public void SilosStartOnlyAfterTheMigratorHasMigratedAHealthyPostgres()
    {
        var migrator = _compose.ServicesPublishing(CliProject).Single(s => s.Command.FirstOrDefault() == "migrate");
        foreach (var silo in _compose.ServicesPublishing(SiloProject))
        {
            Assert.Equal("service_completed_successfully", silo.DependsOn.GetValueOrDefault(migrator.Name));
        }

        var postgres = new NpgsqlConnectionStringBuilder(migrator.Environment["ConnectionStrings__Postgres"]).Host!;
        Assert.Equal("service_healthy", migrator.DependsOn.GetValueOrDefault(postgres));
        Assert.NotNull(ComposeService.Child(_compose[postgres].Node, "healthcheck"));
    }

    [Fact]
    public void WebServicesListenOnAllInterfacesOnThePortsComposePublishes()
    {
        foreach (var service in new[] { SiloProject, GatewayProject, StudioProject }.SelectMany(_compose.ServicesPublishing))
        {
            // Unprefixed: appsettings.json's "Urls" (127.0.0.1) overrides ASPNETCORE_URLS, but not the Urls variable.
            Assert.True(service.Environment.TryGetValue("Urls", out var urls),
                $"{service}: no Urls; appsettings.json binds 127.0.0.1, which nothing outside the container can reach");
            var uri = new Uri(urls!.Split(';')[0].Replace("+", "0.0.0.0", StringComparison.Ordinal));
            Assert.False(IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address), $"{service}: listens on loopback only ({urls})");
            if (service.PublishedPorts.Count > 0)
            {
                Assert.True(service.PublishedPorts.ContainsKey(uri.Port), $"{service}: listens on {uri.Port} but publishes {string.Join(", ", service.PublishedPorts.Keys)}");
            }
        }

        Assert.Equal(5080, _compose.ServicesPublishing(GatewayProject).Single().PublishedPorts.GetValueOrDefault(5080));
        Assert.Equal(5090, _compose.ServicesPublishing(StudioProject).Single().PublishedPorts.GetValueOrDefault(5090));
    }

    // Compose fills ${NAME} and ${NAME:?message} from .env; a placeholder keeps such a URL parseable here.
    private static string WithoutVariables(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\$\{[^}]*\}", "placeholder");

    private IEnumerable<string> ServicesRunningImage(string repository) => _compose.Services
        .Where(s => s.Dockerfile is null && s.ImageName?.Split(':')[0].Split('/')[0] == repository)
        .Select(s => s.Name);

    private static string ServiceHostName(ComposeService service) =>
        ComposeService.Scalar(service.Node, "hostname") ?? service.Name;
}
