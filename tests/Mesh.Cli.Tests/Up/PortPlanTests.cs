using System.Net;
using System.Net.Sockets;
using Mesh.Catalog;
using Mesh.Cli.Up;

namespace Mesh.Cli.Tests.Up;

public sealed class PortPlanTests
{
    static readonly MeshService[] Services = [MeshServices.Judge, MeshServices.Decoder, MeshServices.Gateway];

    [Fact]
    public void FreePortsAreDistinctAndOnlyTheGatewayGetsAWebPort()
    {
        var plan = PortPlan.Assign(Services, freePorts: true);

        var all = plan.Values.SelectMany(p => new[] { p.Grpc, p.Management }.Concat(p.Web is int w ? [w] : [])).ToList();
        Assert.Equal(7, all.Distinct().Count());
        Assert.All(all, port => Assert.InRange(port, 1, 65535));
        Assert.NotNull(plan["gateway"].Web);
        Assert.Null(plan["judge"].Web);
    }

    [Fact]
    public void DefaultPortsComeFromTheCatalog()
    {
        var plan = PortPlan.Defaults(Services);

        Assert.Equal(new ServicePorts(5040, 5041), plan["judge"]);
        Assert.Equal(new ServicePorts(5020, 5021), plan["decoder"]);
        Assert.Equal(new ServicePorts(5000, 5001, MeshServices.GatewayWebPort), plan["gateway"]);
    }

    [Fact]
    public void ATakenPortIsRefusedNamingTheServiceAndPort()
    {
        using var held = new TcpListener(IPAddress.Loopback, 0);
        held.Start();
        int port = ((IPEndPoint)held.LocalEndpoint).Port;
        var plan = new Dictionary<string, ServicePorts> { ["judge"] = new(port, PortPlan.Free([MeshServices.Judge])["judge"].Management) };

        var error = Assert.Throws<InvalidOperationException>(() => PortPlan.EnsureFree(plan));

        Assert.Contains($"port {port} of judge", error.Message);
        Assert.Contains("--free-ports", error.Message);
    }

    [Fact]
    public void FreePortsPassTheCheck()
    {
        var plan = PortPlan.Free(Services);

        Assert.Same(plan, PortPlan.EnsureFree(plan));
    }
}
