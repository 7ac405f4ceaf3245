using Mesh.TestKit;
using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.Decoder.Tests.Grpc;

/// <summary>Bad requests get INVALID_ARGUMENT naming what was wrong and what is allowed (docs/design.md section 7).</summary>
public sealed class DecoderValidationTests(DecoderHost host) : IClassFixture<DecoderHost>
{
    async Task<RpcException> Refused(GenerateRequest request)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => host.GenerateAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error;
    }

    [Fact]
    public async Task AnEmptyPromptIsRefused() =>
        Assert.Contains("prompt text is empty", (await Refused(new GenerateRequest { Prompt = new Proto.Prompt() })).Status.Detail);

    [Fact]
    public async Task AnUndecodableImageIsRefused()
    {
        var request = TinyLlava.Request();
        request.ImageBytes = ByteString.CopyFromUtf8("not an image at all");
        await Refused(request);
    }

    [Fact]
    public async Task AnImageMarkerWithoutAnImageIsRefused()
    {
        var request = TinyLlava.Request();
        request.ClearImage();
        Assert.Contains("no image_bytes or embedding_key", (await Refused(request)).Status.Detail);
    }

    [Fact]
    public async Task MoreTokensThanTheContextWindowAreRefusedNamingTheLimit()
    {
        var request = TinyLlava.Request(1000);
        Assert.Contains("context window of 256", (await Refused(request)).Status.Detail);
    }

    [Fact]
    public async Task AKnockoutLayerOutsideTheModelIsRefused()
    {
        var request = TinyLlava.Request();
        request.Knockout = new Proto.Knockout { Layers = new Mesh.Contracts.Common.V1.LayerSet { Layers = new LayerList { Layers = { 9 } } } };
        request.Knockout.Edges.Add(new KnockoutEdge
        {
            Source = new Mesh.Contracts.Common.V1.TokenSelector { Group = TokenGroup.Image },
            Target = new Mesh.Contracts.Common.V1.TokenSelector { Group = TokenGroup.Generated },
        });
        Assert.Contains("layers are 0..3", (await Refused(request)).Status.Detail);
    }

    [Fact]
    public async Task AnUnknownTokenGroupIsRefused()
    {
        var request = TinyLlava.Request();
        request.Knockout = new Proto.Knockout();
        request.Knockout.Edges.Add(new KnockoutEdge
        {
            Source = new Mesh.Contracts.Common.V1.TokenSelector { Group = TokenGroup.Unspecified },
            Target = new Mesh.Contracts.Common.V1.TokenSelector { Group = TokenGroup.Generated },
        });
        Assert.Contains("allowed: IMAGE", (await Refused(request)).Status.Detail);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public async Task KOutsideZeroToOneIsRefused(double k)
    {
        var request = TinyLlava.Request();
        request.Selection = new TokenSelection { Method = Proto.SelectionMethod.Attention, K = k };
        Assert.Contains("(0, 1]", (await Refused(request)).Status.Detail);
    }

    [Fact]
    public async Task TopPOutsideZeroToOneIsRefused()
    {
        var request = TinyLlava.Request();
        request.Sampling.TopP = 0;
        Assert.Contains("top_p", (await Refused(request)).Status.Detail);
    }
}
