using System.Net;
using Mesh.Catalog;
using Mesh.Contracts.Decoder.V1;
using Mesh.Gateway.Options;
using Mesh.Gateway.Routing;
using Mesh.Gateway.Tests.TestHosts;
using Mesh.ServiceDefaults.Hosting;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Mesh.Gateway.Tests.Routing;

public sealed class ClusterTableTests
{
    [Fact]
    public void EachServiceIsAClusterOverItsConfiguredReplicasWithTheirHealthAddresses()
    {
        var options = new GatewayOptions
        {
            DefaultReplicas = false,
            Services = { ["decoder"] = [Replica(6020), Replica(6030)] },
        };

        var clusters = ClusterTable.Build(MeshServices.Backends, options);

        Assert.Equal(MeshServices.Backends.Select(s => s.Name), clusters.Select(c => c.ClusterId));
        var decoder = clusters.Single(c => c.ClusterId == "decoder");
        Assert.Equal(["decoder/0", "decoder/1"], decoder.Destinations!.Keys);
        Assert.Equal("http://127.0.0.1:6030", decoder.Destinations["decoder/1"].Address);
        Assert.Equal("http://127.0.0.1:6031", decoder.Destinations["decoder/1"].Health);
        Assert.Empty(clusters.Single(c => c.ClusterId == "judge").Destinations!);
    }

    [Fact]
    public void UnlistedServicesDefaultToTheirCatalogPortsOnLoopback()
    {
        var judge = ClusterTable.Build(MeshServices.Backends, new GatewayOptions()).Single(c => c.ClusterId == "judge");

        var destination = Assert.Single(judge.Destinations!.Values);
        Assert.Equal($"http://127.0.0.1:{MeshServices.Judge.GrpcPort}/", destination.Address);
        Assert.Equal($"http://127.0.0.1:{MeshServices.Judge.ManagementPort}/", destination.Health);
    }

    [Fact]
    public void ClustersSpeakExactlyHttp2WithAnActivityTimeoutAndBothHealthChecks()
    {
        var options = new GatewayOptions { ActivityTimeout = TimeSpan.FromMinutes(7), HealthChecks = new HealthCheckOptions { UnhealthyAfter = 3 } };

        var cluster = ClusterTable.Build([MeshServices.Decoder], options).Single();

        Assert.Equal(HttpVersion.Version20, cluster.HttpRequest!.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, cluster.HttpRequest.VersionPolicy);
        Assert.Equal(TimeSpan.FromMinutes(7), cluster.HttpRequest.ActivityTimeout);
        Assert.True(cluster.HealthCheck!.Active!.Enabled);
        Assert.Equal("/health/ready", cluster.HealthCheck.Active.Path);
        Assert.Equal(HealthCheckConstants.ActivePolicy.ConsecutiveFailures, cluster.HealthCheck.Active.Policy);
        Assert.Equal("3", cluster.Metadata!["ConsecutiveFailuresHealthPolicy.Threshold"]);
        Assert.True(cluster.HealthCheck.Passive!.Enabled);
    }

    [Fact]
    public async Task AKilledReplicaIsTakenOutAndNewCallsAllSucceedOnTheHealthyOne()
    {
        await using var a = await TestReplica.StartAsync("replica-a");
        await using var b = await TestReplica.StartAsync("replica-b");
        await using var gateway = await TestGateway.StartAsync([a, b], new Dictionary<string, string?> { ["Gateway:LoadBalancing"] = "RoundRobin" });
        var client = new Decoder.DecoderClient(gateway.GrpcChannel());
        // Both replicas pass their probes over HTTP/1.1 to the management port.
        await gateway.WaitForDestinationAsync("decoder/0", h => h.Active == DestinationHealth.Healthy, TimeSpan.FromSeconds(10));
        await gateway.WaitForDestinationAsync("decoder/1", h => h.Active == DestinationHealth.Healthy, TimeSpan.FromSeconds(10));

        await b.StopAsync();
        await gateway.WaitForDestinationAsync("decoder/1", h => h.Active == DestinationHealth.Unhealthy, TimeSpan.FromSeconds(10));
        int servedBefore = a.Calls.Count;
        var answered = new List<string>();
        for (int i = 0; i < 20; i++)
            answered.Add((await client.GetModelInfoAsync(new GetModelInfoRequest())).ModelId);

        Assert.All(answered, id => Assert.Equal("replica-a", id));
        Assert.Equal(servedBefore + 20, a.Calls.Count);
    }

    static ReplicaOptions Replica(int port) => new() { Grpc = $"http://127.0.0.1:{port}", Management = $"http://127.0.0.1:{port + 1}" };
}
