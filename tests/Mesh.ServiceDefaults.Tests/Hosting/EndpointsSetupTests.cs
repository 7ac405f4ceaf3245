using System.Net;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Telemetry;

namespace Mesh.ServiceDefaults.Tests.Hosting;

public class EndpointsSetupTests
{
    [Fact]
    public async Task TheTwoPortsAreBoundSeparately()
    {
        await using var host = await DefaultsHost.StartAsync();

        Assert.NotEqual(host.Endpoints.GrpcPort, host.Endpoints.ManagementPort);
        Assert.Equal("127.0.0.1", host.Endpoints.GrpcAddress.Host);
    }

    [Theory]
    [InlineData(ServiceConventions.LivePath)]
    [InlineData(TelemetrySetup.MetricsPath)]
    public async Task ManagementEndpointsAnswerOnlyOnTheManagementPort(string path)
    {
        await using var host = await DefaultsHost.StartAsync();
        using var http2 = new HttpClient { BaseAddress = host.Endpoints.GrpcAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact, // the gRPC port speaks HTTP/2 with prior knowledge only
        };

        var onGrpcPort = await http2.SendAsync(request);
        var onManagementPort = await host.Management.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, onGrpcPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onManagementPort.StatusCode);
    }

    [Fact]
    public Task EqualPortsAreRefusedOnStart() =>
        DefaultsHost.AssertRefusedOnStartAsync("must differ", ("Endpoints:GrpcPort", "5123"), ("Endpoints:ManagementPort", "5123"));

    [Fact]
    public Task AHostNameInsteadOfAnAddressIsRefusedOnStart() =>
        DefaultsHost.AssertRefusedOnStartAsync("is not an IP address", ("Endpoints:Host", "example.invalid"));
}
