using Grpc.Core;
using Mesh.ServiceDefaults.Grpc;
using Mesh.TestKit;
using Microsoft.Extensions.Options;

namespace Mesh.Decoder.Tests.Grpc;

/// <summary>The decoder takes the mesh's one image limit (ImageLimits), the one the vision encoder and segmentation read.</summary>
public sealed class ImageLimitsTests(DecoderHost host) : IClassFixture<DecoderHost>
{
    [Fact]
    public void ByDefaultTheDecoderAcceptsWhatFitsInOneMessage()
    {
        var images = host.Host.Get<IOptions<ImageLimitsOptions>>().Value;
        var grpc = host.Host.Get<IOptions<GrpcLimitsOptions>>().Value;

        Assert.Equal(3 << 20, images.MaxBytes);
        Assert.True(images.MaxBytes < grpc.MaxReceiveMessageBytes);
    }

    [Fact]
    public async Task AnImageOverTheSharedByteLimitIsRefusedNamingIt()
    {
        await using var decoder = await DecoderHost.StartReadyAsync(new Dictionary<string, string?>
        {
            ["Decoder:ModelDirectory"] = TinyLlava.Directory,
            ["ImageLimits:MaxBytes"] = "1000",
        });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = new Contracts.Decoder.V1.Decoder.DecoderClient(decoder.Channel).Generate(TinyLlava.Request());
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("at most 1000 are accepted (ImageLimits:MaxBytes)", error.Status.Detail);
    }
}
