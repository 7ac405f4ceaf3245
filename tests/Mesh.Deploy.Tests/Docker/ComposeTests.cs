using Mesh.Catalog;
using Mesh.ContextStore;
using Mesh.Gateway.Options;
using Microsoft.Extensions.Configuration;

namespace Mesh.Deploy.Tests.Docker;

/// <summary>deploy/docker/compose.yaml agrees with the service catalog: images, ports, addresses, configuration keys.</summary>
public sealed class ComposeTests
{
    readonly ComposeFile _compose = ComposeFile.Load();

    static IEnumerable<MeshService> Services => [.. MeshServices.Backends, MeshServices.Gateway];

    public static TheoryData<string> ServiceNames => [.. Services.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void EachServiceIsBuiltFromItsProjectWithItsManagementPort(string name)
    {
        var service = MeshServices.FindBackend(name) ?? MeshServices.Gateway;

        Assert.Equal(service.Project, _compose.BuildArg(name, "SERVICE"));
        Assert.Equal(service.ManagementPort.ToString(), _compose.BuildArg(name, "MANAGEMENT_PORT"));
        Assert.Equal("true", _compose.Service(name)!["read_only"]);
        Assert.Contains("/tmp", _compose.List(name, "tmpfs"));
    }

    [Fact]
    public void EveryBackendReachesTheOthersAtTheirCatalogPorts()
    {
        foreach (var backend in MeshServices.Backends)
        {
            var configuration = _compose.Configuration(backend.Name);
            foreach (var other in MeshServices.Backends)
                Assert.Equal($"http://{other.Name}:{other.GrpcPort}", configuration[ServiceConventions.AddressKey(other)]);
        }
    }

    [Fact]
    public void TheGatewayListsOneReplicaOfEveryBackendAtItsCatalogPorts()
    {
        var options = Bind<GatewayOptions>("gateway", GatewayOptions.Section);

        Assert.False(options.DefaultReplicas);
        foreach (var backend in MeshServices.Backends)
        {
            var replica = Assert.Single(options.ReplicasOf(backend));
            Assert.Equal($"http://{backend.Name}:{backend.GrpcPort}", replica.Grpc);
            Assert.Equal($"http://{backend.Name}:{backend.ManagementPort}", replica.Management);
        }
        Assert.Equal(["5000:5000", $"{MeshServices.GatewayWebPort}:{MeshServices.GatewayWebPort}"], _compose.List("gateway", "ports"));
    }

    [Fact]
    public void TheContextStoreKeepsItsContextsInTheComposedRedis()
    {
        var options = Bind<ContextStoreOptions>("context-store", ContextStoreOptions.Section);

        Assert.Equal(ContextStoreBackend.Redis, options.Backend);
        Assert.Equal("redis:6379", options.RedisConnectionString);
        Assert.NotNull(_compose.Service("redis"));
    }

    [Fact]
    public void PrometheusAndGrafanaMountTheRepositorysConfiguration()
    {
        Assert.Contains("../prometheus:/etc/prometheus:ro", _compose.List("prometheus", "volumes"));
        Assert.Contains("../grafana/provisioning:/etc/grafana/provisioning:ro", _compose.List("grafana", "volumes"));
        foreach (var volume in _compose.List("prometheus", "volumes").Concat(_compose.List("grafana", "volumes")).Where(v => v.StartsWith("..")))
            Assert.True(Directory.Exists(Path.Combine(Path.GetDirectoryName(ComposeFile.Path)!, volume.Split(':')[0])), volume);
    }

    // Binds a section from a compose service's environment, as the service's host would; unknown keys fail.
    T Bind<T>(string service, string section) where T : new()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_compose.Configuration(service)).Build();
        return configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
    }
}
