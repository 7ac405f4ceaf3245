using Mesh.Catalog;
using Mesh.Cli.Up;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;

namespace Mesh.Cli.Tests.Up;

public sealed class LaunchEnvironmentTests
{
    static readonly Dictionary<string, ServicePorts> Started = new()
    {
        ["judge"] = new ServicePorts(7040, 7041),
        ["decoder"] = new ServicePorts(7020, 7021),
        ["gateway"] = new ServicePorts(7000, 7001, 7002),
    };

    [Fact]
    public void AServiceGetsItsOwnPortsOnLoopbackAndTheAddressesOfTheOthers()
    {
        var config = AsConfiguration(LaunchEnvironment.For(MeshServices.Decoder, Started));

        Assert.Equal("127.0.0.1", config["Endpoints:Host"]);
        Assert.Equal("7020", config["Endpoints:GrpcPort"]);
        Assert.Equal("7021", config["Endpoints:ManagementPort"]);
        Assert.Equal(new Uri("http://127.0.0.1:7040"), config.GrpcAddressOf(MeshServices.Judge));
        // Services that were not started keep their catalog default address.
        Assert.Equal(MeshServices.VisionEncoder.DefaultGrpcAddress, config.GrpcAddressOf(MeshServices.VisionEncoder));
    }

    [Fact]
    public void TheGatewayGetsOneReplicaPerStartedServiceAndNoDefaultReplicas()
    {
        var config = AsConfiguration(LaunchEnvironment.For(MeshServices.Gateway, Started));

        Assert.Equal("7002", config["Gateway:WebPort"]);
        Assert.Equal("false", config["Gateway:DefaultReplicas"]);
        Assert.Equal("http://127.0.0.1:7040/", config["Gateway:Services:judge:0:Grpc"]);
        Assert.Equal("http://127.0.0.1:7041/", config["Gateway:Services:judge:0:Management"]);
        Assert.Equal("http://127.0.0.1:7020/", config["Gateway:Services:decoder:0:Grpc"]);
        Assert.Equal(["decoder", "judge"], config.GetSection("Gateway:Services").GetChildren().Select(c => c.Key).Order());
    }

    [Fact]
    public void AGivenModelDirectoryGoesToEveryServiceThatLoadsTheModelAndNoOther()
    {
        const string model = "/models/my-llava";
        var loaders = MeshServices.Backends.Where(s => s.ModelSection is not null).Select(s => s.Name).Order();

        Assert.Equal(["decoder", "vision-encoder"], loaders);
        Assert.Equal(model, AsConfiguration(LaunchEnvironment.For(MeshServices.Decoder, Started, model))["Decoder:ModelDirectory"]);
        var withVision = new Dictionary<string, ServicePorts>(Started) { ["vision-encoder"] = new ServicePorts(7010, 7011) };
        Assert.Equal(model, AsConfiguration(LaunchEnvironment.For(MeshServices.VisionEncoder, withVision, model))["VisionEncoder:ModelDirectory"]);
        Assert.DoesNotContain(LaunchEnvironment.For(MeshServices.Judge, Started, model).Values, v => v == model);
        Assert.DoesNotContain(LaunchEnvironment.For(MeshServices.Decoder, Started).Keys, k => k.EndsWith("ModelDirectory", StringComparison.Ordinal));
    }

    // How a .NET host reads these variables: "__" separates sections.
    static IConfiguration AsConfiguration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":"), (string?)kv.Value)))
            .Build();
}
