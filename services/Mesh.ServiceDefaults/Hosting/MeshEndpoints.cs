using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Mesh.ServiceDefaults.Hosting;

/// <summary>
/// The two Kestrel endpoints of a service. Their ports are known once the server has bound them,
/// which matters when a port is configured as 0 (tests): read <see cref="GrpcPort"/> and
/// <see cref="ManagementPort"/> after start.
/// </summary>
public sealed class MeshEndpoints
{
    ListenOptions? _grpc, _management;

    /// <summary>Port of the gRPC endpoint (HTTP/2 cleartext) as bound.</summary>
    public int GrpcPort => BoundPort(_grpc, "gRPC");

    /// <summary>Port of the management endpoint (HTTP/1.1: metrics and health) as bound.</summary>
    public int ManagementPort => BoundPort(_management, "management");

    /// <summary><c>http://host:port</c> of the gRPC endpoint, for clients.</summary>
    public Uri GrpcAddress => Address(_grpc, GrpcPort);

    /// <summary><c>http://host:port</c> of the management endpoint.</summary>
    public Uri ManagementAddress => Address(_management, ManagementPort);

    internal void Listen(KestrelServerOptions kestrel, EndpointsOptions options)
    {
        var address = options.Address;
        kestrel.Listen(address, options.GrpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            _grpc = listen;
        });
        kestrel.Listen(address, options.ManagementPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            _management = listen;
        });
    }

    static int BoundPort(ListenOptions? listen, string name) =>
        (listen?.EndPoint as IPEndPoint)?.Port is int port and > 0 ? port
            : throw new InvalidOperationException($"The {name} endpoint is not bound yet; read its port after the host has started.");

    static Uri Address(ListenOptions? listen, int port)
    {
        var ip = ((IPEndPoint)listen!.EndPoint).Address;
        // A wildcard bind is reached through loopback from this machine.
        if (ip.Equals(IPAddress.Any)) ip = IPAddress.Loopback;
        if (ip.Equals(IPAddress.IPv6Any)) ip = IPAddress.IPv6Loopback;
        return new UriBuilder("http", ip.ToString(), port).Uri;
    }
}
