using System.Net;
using System.Net.Sockets;

namespace Mesh.TestKit;

/// <summary>
/// A loopback port held bound but never listened on, for as long as this lives: connections to it are refused, and no
/// server started by a test running alongside (a host on port 0, say) can take it, as it could take a port that was
/// only free a moment ago.
/// </summary>
public sealed class RefusingPort : IDisposable
{
    readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    /// <summary>The port number.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>http://127.0.0.1:{port}.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}");

    public void Dispose() => _socket.Dispose();
}
