using System.Net;
using Grpc.Health.V1;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.TestKit;
using HealthClient = Grpc.Health.V1.Health.HealthClient;

namespace Mesh.ServiceDefaults.Tests.Hosting;

/// <summary>A model host in a running service: what /health/ready and gRPC health say before, after a failure and once loaded.</summary>
public sealed class ModelHostServiceTests
{
    static Task<ServiceHost> StartAsync() =>
        ServiceHost.StartAsync(builder => builder.AddServiceDefaults().AddModelHost<TestModel, GatedLoader>(), app => app.MapDefaultEndpoints());

    [Fact]
    public async Task ReadinessSaysWhyTheModelIsNotLoadedUntilItIs()
    {
        await using var host = await StartAsync();
        var loader = (GatedLoader)host.Get<IModelLoader<TestModel>>();
        var health = new HealthClient(host.Channel);
        var attempt = await loader.NextAttemptAsync();

        var loading = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
        Assert.Contains("starting: loading model directory /models/test-model", await loading.Content.ReadAsStringAsync());

        attempt.SetException(new InvalidDataException("config.json is not JSON"));
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.Description.Contains("failed"), "the load failed");
        var failed = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("model: loading model directory /models/test-model failed: config.json is not JSON; retrying in 2 s",
                        await failed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync(ServiceConventions.LivePath)).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);

        (await loader.NextAttemptAsync()).SetResult(new TestModel()); // the real clock: the retry comes after 2 s
        await Polling.UntilAsync(() => readiness.IsReady, "the retry loaded the model");
        var ready = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("test-model loaded: 16 image tokens", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }
}
