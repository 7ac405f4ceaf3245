using k8s.Models;
using Mesh.Catalog;
using Mesh.Gateway.Options;
using Microsoft.Extensions.Configuration;

namespace Mesh.Deploy.Tests.Helm;

/// <summary>Every service of the rendered chart agrees with the catalog: ports, probes, addresses, security.</summary>
public sealed class ChartServicesTests
{
    public static TheoryData<string> ServiceNames => [.. MeshServices.Backends.Append(MeshServices.Gateway).Select(s => s.Name)];

    public static TheoryData<string> ValueSets => ["", "scaled-values.yaml", "external-redis-values.yaml"];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void EachServiceListensAndIsProbedOnItsCatalogPorts(string name)
    {
        var service = MeshServices.FindBackend(name) ?? MeshServices.Gateway;
        var container = ContainerOf(Chart.Render(), name);

        Assert.Equal(service.GrpcPort, container.Ports.Single(p => p.Name == "grpc").ContainerPort);
        Assert.Equal(service.ManagementPort, container.Ports.Single(p => p.Name == "management").ContainerPort);
        var environment = Environment(container);
        Assert.Equal(service.GrpcPort.ToString(), environment[ServiceConventions.GrpcPortKey]);
        Assert.Equal(service.ManagementPort.ToString(), environment[ServiceConventions.ManagementPortKey]);
        Assert.Equal("0.0.0.0", environment[ServiceConventions.HostKey]);
        Assert.Equal(ServiceConventions.LivePath, container.LivenessProbe.HttpGet.Path);
        Assert.Equal("management", container.LivenessProbe.HttpGet.Port.Value);
        Assert.Equal(ServiceConventions.ReadyPath, container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("management", container.ReadinessProbe.HttpGet.Port.Value);
        Assert.NotEmpty(container.Resources.Requests);
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void NoContainerRunsAsRootOrWritesItsImage(string values)
    {
        foreach (var deployment in Chart.Render(Sets(values)).All<V1Deployment>("Deployment"))
        {
            var pod = deployment.Spec.Template.Spec;
            Assert.True(pod.SecurityContext.RunAsNonRoot, deployment.Metadata.Name);
            Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
            foreach (var container in pod.Containers)
            {
                Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, container.Name);
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation, container.Name);
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void EveryServiceSelectsADeploymentAndTargetsItsNamedPorts(string values)
    {
        var chart = Chart.Render(Sets(values));
        var deployments = chart.All<V1Deployment>("Deployment");

        foreach (var service in chart.All<V1Service>("Service"))
        {
            var selected = Assert.Single(deployments, d => service.Spec.Selector.All(l => d.Spec.Template.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
            var ports = selected.Spec.Template.Spec.Containers.SelectMany(c => c.Ports).Select(p => p.Name).ToList();
            foreach (var port in service.Spec.Ports)
                Assert.Contains(port.TargetPort.Value, ports);
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void TheGatewayListsEveryBackendAtItsKubernetesServiceName(string values)
    {
        var chart = Chart.Render(Sets(values));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Environment(ContainerOf(chart, "gateway"))).Build();
        var options = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>()!;

        Assert.False(options.DefaultReplicas);
        foreach (var backend in MeshServices.Backends)
        {
            var service = chart.Find<V1Service>("Service", $"mesh-{backend.Name}")!;
            var replica = Assert.Single(options.ReplicasOf(backend));
            Assert.Equal($"http://mesh-{backend.Name}.default.svc:{backend.GrpcPort}", replica.Grpc);
            Assert.Equal($"http://mesh-{backend.Name}.default.svc:{backend.ManagementPort}", replica.Management);
            Assert.Equal(backend.GrpcPort, service.Spec.Ports.Single(p => p.Name == "grpc").Port);
            Assert.Equal(backend.ManagementPort, service.Spec.Ports.Single(p => p.Name == "management").Port);
        }
    }

    [Fact]
    public void EveryBackendReachesTheOthersThroughTheirServices()
    {
        foreach (var backend in MeshServices.Backends)
        {
            var environment = Environment(ContainerOf(Chart.Render(), backend.Name));
            foreach (var other in MeshServices.Backends)
                Assert.Equal($"http://mesh-{other.Name}.default.svc:{other.GrpcPort}", environment[ServiceConventions.AddressKey(other)]);
        }
    }

    internal static string[] Sets(string values) => values.Length == 0 ? [] : [values];

    internal static V1Container ContainerOf(Chart chart, string name) =>
        Assert.Single(chart.Find<V1Deployment>("Deployment", $"mesh-{name}")!.Spec.Template.Spec.Containers);

    /// <summary>A container's literal environment as configuration keys (<c>A__B</c> read as <c>A:B</c>).</summary>
    internal static Dictionary<string, string?> Environment(V1Container container) =>
        container.Env.ToDictionary(e => e.Name.Replace("__", ":"), e => (string?)e.Value);
}
