using System.Net;
using Grpc.Core;
using Mesh.Catalog;
using Mesh.Contracts.Decoder.V1;
using Mesh.Decoder.Grpc;
using Mesh.ServiceDefaults;
using Mesh.ServiceDefaults.Health;
using Mesh.TestKit;
using Microsoft.AspNetCore.Builder;

namespace Mesh.Decoder.Tests.Model;

public sealed class DecoderModelLoadingTests
{
    [Fact]
    public async Task AModelThatCannotLoadLeavesTheDecoderUnreadyAndItsRequestsUnavailableSayingWhy()
    {
        string missing = Path.Combine(Path.GetTempPath(), "mesh-no-such-decoder-model");
        await using var host = await ServiceHost.StartAsync(b => { b.AddServiceDefaults(); b.AddDecoder(); },
            app => { app.MapDefaultEndpoints(); app.MapGrpcService<DecoderService>(); },
            new Dictionary<string, string?> { ["Decoder:ModelDirectory"] = missing });
        var readiness = host.Get<ServiceReadiness>();
        await Polling.UntilAsync(() => readiness.Description.Contains("failed"), "loading has failed");

        var ready = await host.Management.GetAsync(ServiceConventions.ReadyPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains($"loading model directory {missing} failed", await ready.Content.ReadAsStringAsync());
        var client = new Contracts.Decoder.V1.Decoder.DecoderClient(host.Channel);
        await RpcAssert.FailsAsync(StatusCode.Unavailable, $"the decoder is not ready: loading model directory {missing} failed",
                                   async () => await client.GetModelInfoAsync(new GetModelInfoRequest()));
    }
}
