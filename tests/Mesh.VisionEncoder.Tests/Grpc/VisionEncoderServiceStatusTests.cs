using Google.Rpc;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.ServiceDefaults.Queueing;
using Mesh.TestKit;

namespace Mesh.VisionEncoder.Tests.Grpc;

/// <summary>The statuses of docs/design.md section 7 as the vision encoder gives them.</summary>
public class VisionEncoderServiceStatusTests
{
    static Dictionary<string, string?> Settings(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => (string?)p.Value);

    [Fact]
    public async Task AnUndecodableImageIsInvalidAndTheMessageSaysWhatIsAllowed()
    {
        await using var host = await VisionHost.StartAsync();
        var client = new EmbeddingClient(host.Channel);

        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "send PNG, JPEG, GIF, BMP, WebP or TIFF",
            () => client.EncodeAsync("not an image"u8.ToArray()));

        Assert.Equal("image", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task AnEmptyImageIsInvalid()
    {
        await using var host = await VisionHost.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "The image is empty", () => new EmbeddingClient(host.Channel).EncodeAsync([]));
    }

    [Fact]
    public async Task AnImageOverTheByteOrPixelLimitIsInvalidAndNamesTheLimit()
    {
        await using var host = await VisionHost.StartAsync(Settings(("ImageLimits:MaxBytes", "1000"), ("ImageLimits:MaxPixels", "500")));
        var client = new EmbeddingClient(host.Channel);

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "at most 1000 bytes are allowed",
            () => client.EncodeAsync(Images.Fixture)); // 2646 bytes
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "at most 500 pixels are allowed",
            () => client.EncodeAsync(Images.Solid(6))); // 32x32 = 1024 pixels in a few hundred bytes
    }

    [Fact]
    public async Task AMessageOverTheGrpcLimitIsResourceExhausted()
    {
        await using var host = await VisionHost.StartAsync(Settings(
            ("GrpcLimits:MaxReceiveMessageBytes", "1048576"), ("GrpcLimits:ChunkBytes", "262144"), ("ImageLimits:MaxBytes", "524288")));

        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "", () => new EmbeddingClient(host.Channel).EncodeAsync(new byte[1_100_000]));
    }

    [Fact]
    public async Task AnImageLimitThatDoesNotFitInAMessageIsRefusedOnStart()
    {
        var settings = Settings(
            ("GrpcLimits:MaxReceiveMessageBytes", "1048576"), ("GrpcLimits:ChunkBytes", "262144"), ("ImageLimits:MaxBytes", "2097152"));

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => VisionHost.StartAsync(settings));

        Assert.Contains("must be below GrpcLimits:MaxReceiveMessageBytes", error.Message);
    }

    [Theory]
    [InlineData(DType.Bf16)]
    [InlineData(DType.Int8)]
    public async Task AnEmbeddingDTypeOtherThanF32OrF16IsInvalid(DType dtype)
    {
        await using var host = await VisionHost.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "use DTYPE_F32 (default) or DTYPE_F16",
            () => new EmbeddingClient(host.Channel).EncodeAsync(Images.Fixture, dtype));
    }

    [Fact]
    public async Task AFullQueueRefusesNewImagesButStillServesCachedOnes()
    {
        await using var host = await VisionHost.StartAsync(Settings(("VisionEncoder:Queue:MaxConcurrency", "1"), ("VisionEncoder:Queue:MaxWaiting", "0")));
        var client = new EmbeddingClient(host.Channel);
        await client.EncodeAsync(Images.Solid(7));
        using var busy = await host.Get<BoundedRequestQueue>().EnterAsync(CancellationToken.None);

        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "The server is busy", () => client.EncodeAsync(Images.Solid(8)));
        var (cached, _, _) = await client.EncodeAsync(Images.Solid(7));

        Assert.True(cached.CacheHit);
    }

    [Fact]
    public async Task ACancelledCallLeavesTheQueueAndTheNextOneRuns()
    {
        await using var host = await VisionHost.StartAsync(Settings(("VisionEncoder:Queue:MaxConcurrency", "1"), ("VisionEncoder:Queue:MaxWaiting", "1")));
        var client = new EmbeddingClient(host.Channel);
        var queue = host.Get<BoundedRequestQueue>();
        var busy = await queue.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = client.EncodeAsync(Images.Solid(9), cancellationToken: cancel.Token);
        await Polling.UntilAsync(() => queue.Waiting == 1, "the request waits in the queue");
        cancel.Cancel();

        await RpcAssert.FailsAsync(StatusCode.Cancelled, "", () => waiting);
        await Polling.UntilAsync(() => queue.Waiting == 0, "the cancelled request has left the queue");
        busy.Dispose();
        var (header, bytes, _) = await client.EncodeAsync(Images.Solid(9));
        Assert.False(header.CacheHit); // the cancelled call never encoded it
        Assert.Equal(header.Tensor.ByteLength, bytes.Length);
    }
}
