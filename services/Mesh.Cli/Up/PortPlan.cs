using System.Net;
using System.Net.Sockets;
using Mesh.Catalog;

namespace Mesh.Cli.Up;

/// <summary>The ports one service listens on; <see cref="Web"/> only for the gateway (gRPC-Web and JSON).</summary>
public sealed record ServicePorts(int Grpc, int Management, int? Web = null)
{
    /// <summary>gRPC address on loopback.</summary>
    public Uri GrpcAddress => new($"http://127.0.0.1:{Grpc}");

    /// <summary>Management (health, metrics) address on loopback.</summary>
    public Uri ManagementAddress => new($"http://127.0.0.1:{Management}");

    /// <summary>Web address on loopback, for the gateway.</summary>
    public Uri? WebAddress => Web is int web ? new($"http://127.0.0.1:{web}") : null;

    internal IEnumerable<int> All => Web is int web ? [Grpc, Management, web] : [Grpc, Management];
}

/// <summary>
/// Which ports <c>mesh up</c> gives each service: the catalog's defaults (predictable addresses; refused with the
/// service and port named when one is taken), or ports the system reports free (<c>--free-ports</c>: several meshes
/// side by side, tests).
/// </summary>
public static class PortPlan
{
    /// <summary>Ports for <paramref name="services"/> by name: <see cref="Free"/> ones, or the checked <see cref="Defaults"/>.</summary>
    public static IReadOnlyDictionary<string, ServicePorts> Assign(IEnumerable<MeshService> services, bool freePorts) =>
        freePorts ? Free(services) : EnsureFree(Defaults(services));

    /// <summary>The catalog's ports; the gateway also gets <see cref="MeshServices.GatewayWebPort"/>.</summary>
    public static IReadOnlyDictionary<string, ServicePorts> Defaults(IEnumerable<MeshService> services) =>
        services.ToDictionary(s => s.Name, s => new ServicePorts(s.GrpcPort, s.ManagementPort, IsGateway(s) ? MeshServices.GatewayWebPort : null));

    /// <summary>Ports the system reports free on loopback, distinct from each other.</summary>
    public static IReadOnlyDictionary<string, ServicePorts> Free(IEnumerable<MeshService> services)
    {
        // Hold every listener until all ports are drawn, so no port is handed out twice.
        var listeners = new List<TcpListener>();
        int Next()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            listeners.Add(listener);
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        try
        {
            return services.ToDictionary(s => s.Name, s => new ServicePorts(Next(), Next(), IsGateway(s) ? Next() : null));
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>Returns <paramref name="plan"/> when every port in it is free on loopback; otherwise names the first taken one.</summary>
    public static IReadOnlyDictionary<string, ServicePorts> EnsureFree(IReadOnlyDictionary<string, ServicePorts> plan)
    {
        foreach (var (name, ports) in plan)
            foreach (int port in ports.All.Where(p => !IsFree(p)))
                throw new InvalidOperationException(
                    $"port {port} of {name} on 127.0.0.1 is in use: stop what listens there (an earlier mesh up?) or run mesh up --free-ports");
        return plan;
    }

    static bool IsGateway(MeshService service) => service.Name == MeshServices.Gateway.Name;

    static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
