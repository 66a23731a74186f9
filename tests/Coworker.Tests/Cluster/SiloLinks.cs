using System.Net;
using Npgsql;

namespace Coworker.Tests.Cluster;

/// <summary>Every way in and out of one isolated silo: its PostgreSQL connections, its silo port, its gateway port.</summary>
public sealed class SiloLinks : IAsyncDisposable
{
    public SiloLinks(string postgresConnectionString, int siloPort, int gatewayPort)
    {
        var postgres = new NpgsqlConnectionStringBuilder(postgresConnectionString);
        Database = new TcpLink(postgres.Host ?? IPAddress.Loopback.ToString(), postgres.Port);
        postgres.Host = IPAddress.Loopback.ToString();
        postgres.Port = Database.Port;
        PostgresConnectionString = postgres.ConnectionString;
        Silo = new TcpLink(IPAddress.Loopback.ToString(), siloPort);
        Gateway = new TcpLink(IPAddress.Loopback.ToString(), gatewayPort);
    }

    public TcpLink Database { get; }

    /// <summary>Peers reach the silo here: this is the port it advertises in the membership table.</summary>
    public TcpLink Silo { get; }

    /// <summary>Clients reach the silo's gateway here (the ProxyPort in the membership table).</summary>
    public TcpLink Gateway { get; }

    /// <summary>The silo's connection string: the same database, reached through its link.</summary>
    public string PostgresConnectionString { get; }

    public void CutAll()
    {
        Silo.Cut();
        Gateway.Cut();
        Database.Cut();
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Gateway.DisposeAsync();
        await Database.DisposeAsync();
    }
}
