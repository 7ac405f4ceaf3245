using System.Net;
using Mesh.Gateway.Options;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Mesh.Gateway.Hosting;

/// <summary>
/// The gateway's third endpoint, HTTP/1.1 on <see cref="GatewayOptions.WebPort"/>, for gRPC-Web and JSON: browsers
/// and curl do not speak cleartext HTTP/2, and Kestrel cannot serve cleartext HTTP/2 and HTTP/1.1 on one port.
/// Read <see cref="Port"/> and <see cref="Address"/> after start (port 0 binds a free port).
/// </summary>
public sealed class GatewayWebEndpoint
{
    ListenOptions? _listen;

    /// <summary>The bound port.</summary>
    public int Port => (_listen?.EndPoint as IPEndPoint)?.Port is int port and > 0 ? port
        : throw new InvalidOperationException("The gateway's web endpoint is not bound yet; read its port after the host has started.");

    /// <summary><c>http://host:port</c> of the web endpoint, for clients on this machine.</summary>
    public Uri Address
    {
        get
        {
            var ip = ((IPEndPoint)_listen!.EndPoint).Address;
            if (ip.Equals(IPAddress.Any)) ip = IPAddress.Loopback;
            if (ip.Equals(IPAddress.IPv6Any)) ip = IPAddress.IPv6Loopback;
            return new UriBuilder("http", ip.ToString(), Port).Uri;
        }
    }

    /// <summary>Makes Kestrel listen on the web port, on the same host address as the other endpoints.</summary>
    public static IHostApplicationBuilder AddGatewayWebEndpoint(IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GatewayWebEndpoint>();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<EndpointsOptions>, IOptions<GatewayOptions>, GatewayWebEndpoint>((kestrel, endpoints, gateway, web) =>
                kestrel.Listen(endpoints.Value.Address, gateway.Value.WebPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    web._listen = listen;
                }));
        return builder;
    }
}
