using HealthClient = Grpc.Health.V1.Health.HealthClient;
using System.Net;
using Grpc.Health.V1;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Health;

namespace Mesh.ServiceDefaults.Tests.Health;

public class HealthSetupTests
{
    [Fact]
    public async Task LiveAnswersAtOnceAndReadyWaitsForTheModel()
    {
        await using var host = await DefaultsHost.StartAsync();

        var live = await host.Management.GetAsync(ServiceConventions.LivePath);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var notReady = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("the model is not loaded yet", await notReady.Content.ReadAsStringAsync());

        host.Get<ServiceReadiness>().MarkReady("model tiny loaded");
        var ready = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("model tiny loaded", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GrpcHealthFollowsReadiness()
    {
        await using var host = await DefaultsHost.StartAsync();
        var client = new HealthClient(host.Channel);

        var before = await client.CheckAsync(new HealthCheckRequest { Service = "" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, before.Status);

        host.Get<ServiceReadiness>().MarkReady();
        var after = await client.CheckAsync(new HealthCheckRequest { Service = "" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, after.Status);
    }

    [Fact]
    public async Task AFailedLoadStaysNotReadyAndSaysWhy()
    {
        await using var host = await DefaultsHost.StartAsync();
        host.Get<ServiceReadiness>().MarkFailed("vision.onnx is missing");

        var response = await host.Management.GetAsync(ServiceConventions.ReadyPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("vision.onnx is missing", await response.Content.ReadAsStringAsync());
    }
}
