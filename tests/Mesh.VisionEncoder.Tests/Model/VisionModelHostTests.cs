using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Mesh.Catalog;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Mesh.VisionEncoder.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HealthClient = Grpc.Health.V1.Health.HealthClient;

namespace Mesh.VisionEncoder.Tests.Model;

public class VisionModelHostTests
{
    /// <summary>The real model source, held back until the test opens the gate.</summary>
    sealed class GatedSource(IVisionModelSource inner, Task gate) : IVisionModelSource
    {
        public VisionModel Load()
        {
            gate.Wait();
            return inner.Load();
        }
    }

    [Fact]
    public async Task TheServiceIsNotReadyAndAnswersUnavailableUntilTheModelIsLoaded()
    {
        var gate = new TaskCompletionSource();
        await using var host = await VisionHost.StartAsync(
            replace: builder => builder.Services.Replace(ServiceDescriptor.Singleton<IVisionModelSource>(services =>
                new GatedSource(ActivatorUtilities.CreateInstance<DirectoryVisionModelSource>(services), gate.Task))),
            waitUntilReady: false);
        var health = new HealthClient(host.Channel);
        var client = new EmbeddingClient(host.Channel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Management.GetAsync(ServiceConventions.ReadyPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Management.GetAsync(ServiceConventions.LivePath)).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, "still loading", () => client.EncodeAsync(Images.Fixture));

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
}
