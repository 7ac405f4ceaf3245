using System.Net;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

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
    [InlineData(HealthSetup.LivePath)]
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
    public async Task EqualPortsAreRefusedOnStart()
    {
        var settings = new Dictionary<string, string?> { ["Endpoints:GrpcPort"] = "5123", ["Endpoints:ManagementPort"] = "5123" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DefaultsHost.StartAsync(settings));

        Assert.Contains("must differ", error.Message);
    }

    [Fact]
    public async Task AHostNameInsteadOfAnAddressIsRefusedOnStart()
    {
        var settings = new Dictionary<string, string?> { ["Endpoints:Host"] = "example.invalid" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DefaultsHost.StartAsync(settings));

        Assert.Contains("is not an IP address", error.Message);
    }
}
