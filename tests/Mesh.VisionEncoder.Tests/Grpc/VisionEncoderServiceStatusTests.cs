using Google.Rpc;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.ServiceDefaults.Queueing;
using Mesh.TestKit;

namespace Mesh.VisionEncoder.Tests.Grpc;

/// <summary>The statuses of DESIGN.md section 7 as the vision encoder gives them.</summary>
public class VisionEncoderServiceStatusTests
{
    static Dictionary<string, string?> Settings(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => (string?)p.Value);

    [Fact]
    public async Task AnUndecodableImageIsInvalidAndTheMessageSaysWhatIsAllowed()
    {
        await using var host = await VisionHost.StartAsync();
        var client = new EmbeddingClient(host.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EncodeAsync("not an image"u8.ToArray()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("send PNG, JPEG, GIF, BMP, WebP or TIFF", error.Status.Detail);
        Assert.Equal("image", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task AnEmptyImageIsInvalid()
    {
        await using var host = await VisionHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => new EmbeddingClient(host.Channel).EncodeAsync([]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("The image is empty", error.Status.Detail);
    }

    [Fact]
    public async Task AnImageOverTheByteOrPixelLimitIsInvalidAndNamesTheLimit()
    {
        await using var host = await VisionHost.StartAsync(Settings(("VisionEncoder:MaxImageBytes", "1000"), ("VisionEncoder:MaxImagePixels", "500")));
        var client = new EmbeddingClient(host.Channel);

        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => client.EncodeAsync(Images.Fixture)); // 2646 bytes
        var tooManyPixels = await Assert.ThrowsAsync<RpcException>(() => client.EncodeAsync(Images.Solid(6))); // 32x32, a few hundred bytes

        Assert.Equal(StatusCode.InvalidArgument, tooLarge.StatusCode);
        Assert.Contains("at most 1000 bytes are allowed", tooLarge.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, tooManyPixels.StatusCode);
        Assert.Contains("at most 500 pixels are allowed", tooManyPixels.Status.Detail);
    }

    [Fact]
    public async Task AMessageOverTheGrpcLimitIsResourceExhausted()
    {
        await using var host = await VisionHost.StartAsync(Settings(("GrpcLimits:MaxReceiveMessageBytes", "1048576"), ("VisionEncoder:MaxImageBytes", "524288"), ("GrpcLimits:ChunkBytes", "262144")));

        var error = await Assert.ThrowsAsync<RpcException>(() => new EmbeddingClient(host.Channel).EncodeAsync(new byte[1_100_000]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task AnImageLimitThatDoesNotFitInAMessageIsRefusedOnStart()
    {
        var settings = Settings(("GrpcLimits:MaxReceiveMessageBytes", "1048576"), ("GrpcLimits:ChunkBytes", "262144"), ("VisionEncoder:MaxImageBytes", "2097152"));

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => VisionHost.StartAsync(settings));

        Assert.Contains("must be below GrpcLimits:MaxReceiveMessageBytes", error.Message);
    }

    [Theory]
    [InlineData(DType.Bf16)]
    [InlineData(DType.Int8)]
    public async Task AnEmbeddingDTypeOtherThanF32OrF16IsInvalid(DType dtype)
    {
        await using var host = await VisionHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => new EmbeddingClient(host.Channel).EncodeAsync(Images.Fixture, dtype));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("use DTYPE_F32 (default) or DTYPE_F16", error.Status.Detail);
    }

    [Fact]
    public async Task AFullQueueRefusesNewImagesButStillServesCachedOnes()
    {
        await using var host = await VisionHost.StartAsync(Settings(("VisionEncoder:Queue:MaxConcurrency", "1"), ("VisionEncoder:Queue:MaxWaiting", "0")));
        var client = new EmbeddingClient(host.Channel);
        await client.EncodeAsync(Images.Solid(7));
        using var busy = await host.Get<BoundedRequestQueue>().EnterAsync(CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.EncodeAsync(Images.Solid(8)));
        var (cached, _, _) = await client.EncodeAsync(Images.Solid(7));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("The server is busy", refused.Status.Detail);
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

        var error = await Assert.ThrowsAsync<RpcException>(() => waiting);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Polling.UntilAsync(() => queue.Waiting == 0, "the cancelled request has left the queue");
        busy.Dispose();
        var (header, bytes, _) = await client.EncodeAsync(Images.Solid(9));
        Assert.False(header.CacheHit); // the cancelled call never encoded it
        Assert.Equal(header.Tensor.ByteLength, bytes.Length);
    }
}
