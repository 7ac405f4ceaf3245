using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.TestKit;
using Mesh.VisionEncoder.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HealthClient = Grpc.Health.V1.Health.HealthClient;

namespace Mesh.VisionEncoder.Tests.Model;

public class VisionModelLoadingTests
{
    /// <summary>The real loader, held back until the test opens the gate.</summary>
    sealed class GatedLoader(IModelLoader<VisionModel> inner, Task gate) : IModelLoader<VisionModel>
    {
        public string Service => inner.Service;
        public string Source => inner.Source;
        public string Describe(VisionModel model) => inner.Describe(model);

        public async Task<VisionModel> LoadAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            return await inner.LoadAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task TheServiceIsNotReadyAndAnswersUnavailableUntilTheModelIsLoaded()
    {
        var gate = new TaskCompletionSource();
        await using var host = await VisionHost.StartAsync(
            replace: builder => builder.Services.Replace(ServiceDescriptor.Singleton<IModelLoader<VisionModel>>(services =>
                new GatedLoader(ActivatorUtilities.CreateInstance<VisionModelLoader>(services), gate.Task))),
            waitUntilReady: false);
        var health = new HealthClient(host.Channel);
        var client = new EmbeddingClient(host.Channel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Management.GetAsync(ServiceConventions.ReadyPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync(ServiceConventions.LivePath)).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, $"the vision encoder is still loading model directory {TinyLlava.Directory}",
                                   () => client.EncodeAsync(Images.Fixture));

        gate.SetResult();
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.IsReady, "the model is loaded");

        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync(ServiceConventions.ReadyPath)).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        var byName = new HealthCheckRequest { Service = Mesh.Contracts.Vision.V1.VisionEncoder.Descriptor.FullName };
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(byName)).Status);
        var (header, _, _) = await client.EncodeAsync(Images.Fixture);
        Assert.Equal("tiny-llava", header.ModelId);
    }

    [Fact]
    public async Task AModelThatCannotLoadLeavesTheServiceUpButUnreadyAndSaysWhy()
    {
        string missing = Path.Combine(Path.GetTempPath(), "mesh-no-such-model");
        await using var host = await VisionHost.StartAsync(
            new Dictionary<string, string?> { ["VisionEncoder:ModelDirectory"] = missing }, waitUntilReady: false);
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.Description.Contains("failed"), "loading has failed");

        var ready = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains($"loading model directory {missing} failed", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync(ServiceConventions.LivePath)).StatusCode);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, $"the vision encoder is not ready: loading model directory {missing} failed",
                                   () => new EmbeddingClient(host.Channel).EncodeAsync(Images.Fixture));
    }
}
