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

    public static string NatsUrl => Environment.GetEnvironmentVariable("ConnectionStrings__Nats") ?? "nats://127.0.0.1:54222";

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
