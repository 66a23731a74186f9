using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Coworker.Tests.Cluster;

/// <summary>
/// A TCP forwarder on 127.0.0.1 that a test can cut: every open connection dropped, new ones refused.
/// Isolated silos reach PostgreSQL, and are reached by peers and clients, only through links like this,
/// so cutting a silo's links makes it vanish from the network the way a crashed host does.
/// </summary>
public sealed class TcpLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _cut = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Task _accepting;

    public TcpLink(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The local port that forwards to the target.</summary>
    public int Port { get; }

    public void Cut()
    {
        if (_cut.IsCancellationRequested)
        {
            return;
        }

        _cut.Cancel();
        _listener.Stop();
        foreach (var connection in _open.Keys)
        {
            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_cut.Token);
            }
            catch (Exception) when (_cut.IsCancellationRequested)
            {
                return;
            }

            _ = PipeAsync(inbound);
        }
    }

    private async Task PipeAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        _open[inbound] = 0;
        _open[outbound] = 0;
        try
        {
            inbound.NoDelay = true;
            outbound.NoDelay = true;
            await outbound.ConnectAsync(_targetHost, _targetPort, _cut.Token);
            var near = inbound.GetStream();
            var far = outbound.GetStream();
            await Task.WhenAny(near.CopyToAsync(far, _cut.Token), far.CopyToAsync(near, _cut.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut, or either side closing, ends the pipe; both sockets are closed below.
        }
        finally
        {
            _open.TryRemove(inbound, out _);
            _open.TryRemove(outbound, out _);
            inbound.Dispose();
        }
    }
}
