using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Core.Loading;
using Mesh.TestKit;

namespace Mesh.Decoder.Tests.Contexts;

/// <summary>Compress's handler on tiny-llava with a store in memory: what it answers and what it stores.</summary>
public sealed class CompressHandlerTests(TinyDecoder decoder) : IClassFixture<TinyDecoder>
{
    public static CompressRequest Request(double k = 0.25, SelectionMethod method = SelectionMethod.Norm) => new()
    {
        ImageBytes = ByteString.CopyFrom(TinyLlava.Image), Prompt = new Prompt { Text = TinyLlava.Prompt, Verbatim = true },
        Sampling = new SamplingParams { MaxTokens = 6 }, Selection = new TokenSelection { Method = method, K = k },
    };

    [Fact]
    public async Task TheStoredContextIsTheOneTheResponseDescribes()
    {
        var store = new InMemoryContextStore();
        var request = Request();
        request.StorageDtype = DType.F32;
        var response = await decoder.Compress(store).RunAsync(request, CancellationToken.None);

        var (entry, data) = await store.GetAsync(response.ContextId, CancellationToken.None);
        string identity = ModelIdentity.Of(TinyLlava.Directory);
        Assert.Equal((data.Length, identity), (response.StoredBytes, entry.Metadata.ModelId));
        Assert.Equal((14, 26, 4, 16, DType.F32), (response.TokensKept, response.TokensFull, response.ImageTokensKept, response.ImageTokensFull, response.StorageDtype));
        using var context = ContextCodec.Deserialize(data);
        var info = context.Info;
        Assert.Equal((identity, TinyLlava.Prompt, 0.25, RankingMethod.Norm), (info.ModelId, info.Prompt, info.K, info.Method));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(TinyLlava.Image)), info.ImageSha256);
        Assert.Equal((26, 5, 21), (info.PromptLength, info.ImageStart, info.ImageEnd));
        Assert.Equal(6, info.DescriptionTokens.Length);
        Assert.Equal(decoder.Model.Model.Tokenizer.Decode(info.DescriptionTokens), response.Description);
        Assert.All(context.Layers, layer => Assert.Equal(14, layer.Positions.Length));
    }

    [Fact]
    public async Task WithoutAStoreNothingRuns()
    {
        var store = new InMemoryContextStore(configured: false);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "Decoder:ContextStoreAddress",
                                   () => decoder.Compress(store).RunAsync(Request(), CancellationToken.None));
    }

    [Fact]
    public async Task AnEmbeddingKeyNeedsAVisionEncoderService()
    {
        var request = Request();
        request.EmbeddingKey = "abc";
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "vision-encoder service",
                                   () => decoder.Compress(new InMemoryContextStore()).RunAsync(request, CancellationToken.None));
    }
}
