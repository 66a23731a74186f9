namespace Coworker.Tests.Infrastructure;

/// <summary>
/// Where the real services the tests use are. scripts/test.sh starts a local PostgreSQL (+pgvector) and
/// nats-server -js and exports these variables; the defaults match what it starts.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=55432;Username=coworker;Password=coworker;Database=coworker";

    /// <summary>What test silos connect with: scripts/test.sh gives the silo user's URL (deploy/nats.conf).</summary>
    public static string NatsUrl => Environment.GetEnvironmentVariable("ConnectionStrings__Nats") ?? "nats://127.0.0.1:54222";

    /// <summary>What the Gateway fixture connects with: the gateway user, who may only subscribe to events.</summary>
    public static string GatewayNatsUrl => Environment.GetEnvironmentVariable("COWORKER_TEST_NATS_GATEWAY_URL") ?? NatsUrl;

    /// <summary>
    /// The admin user (every subject): for tests that tap subjects, read streams, or publish as someone other than a
    /// silo would. Without credentials in the environment, every URL is the same unauthenticated one.
    /// </summary>
    public static string NatsAdminUrl => Environment.GetEnvironmentVariable("COWORKER_TEST_NATS_ADMIN_URL") ?? NatsUrl;

    /// <summary>../shared next to the checkout (CI always has it; a user's fresh clone may not).</summary>
    public static string? SharedDirectory
    {
        get
        {
            var root = RepositoryRoot;
            var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
            return System.IO.Directory.Exists(shared) ? shared : null;
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Coworker.Orleans.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Coworker.Orleans.sln not found above the test binaries.");
        }
    }
}
